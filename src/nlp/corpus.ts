/**
 * Reading labelled tickets for training and evaluation: JSONL (one object a
 * line) or CSV (header row, RFC 4180 quoting). Field names are configurable;
 * the text is the text field or, where a record has none, title and body
 * joined. A bad record is reported with its file and line number and skipped:
 * one broken line in an export of thousands must not stop a training run.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { joinTitleBody } from './normalise.js';

export interface FieldMap {
  text: string;
  title: string;
  body: string;
  label: string;
}

export const DEFAULT_FIELDS: FieldMap = { text: 'text', title: 'title', body: 'body', label: 'label' };

export interface Example {
  text: string;
  label: string;
  /** File the example came from and the line its record starts on (1-based). */
  file: string;
  line: number;
}

export interface CorpusIssue {
  file: string;
  line: number;
  reason: string;
}

export interface Corpus {
  examples: Example[];
  issues: CorpusIssue[];
}

export type CorpusFormat = 'jsonl' | 'csv';

type Record_ = Readonly<Record<string, unknown>>;

function field(rec: Record_, name: string): string | undefined {
  const v = rec[name];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/**
 * Builds an example from one record, or says why it cannot. With
 * `requireLabel` false (classifying unlabelled input) the label may be empty.
 */
function toExample(
  rec: Record_,
  fields: FieldMap,
  requireLabel: boolean,
): { text: string; label: string } | string {
  const direct = field(rec, fields.text);
  const text = direct?.trim() ? direct : joinTitleBody(field(rec, fields.title), field(rec, fields.body));
  if (!text.trim()) {
    return `no text: neither "${fields.text}" nor "${fields.title}"/"${fields.body}" has any`;
  }
  const label = (field(rec, fields.label) ?? '').trim();
  if (requireLabel && !label) return `no label in "${fields.label}"`;
  return { text, label };
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

export function parseJsonl(
  content: string,
  file: string,
  fields: FieldMap = DEFAULT_FIELDS,
  requireLabel = true,
): Corpus {
  const corpus: Corpus = { examples: [], issues: [] };
  const lines = stripBom(content).split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (!trimmed) return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      corpus.issues.push({ file, line, reason: `invalid JSON (${(err as Error).message})` });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      corpus.issues.push({ file, line, reason: 'not a JSON object' });
      return;
    }
    const ex = toExample(value as Record_, fields, requireLabel);
    if (typeof ex === 'string') corpus.issues.push({ file, line, reason: ex });
    else corpus.examples.push({ ...ex, file, line });
  });
  return corpus;
}

export interface CsvRecord {
  /** Line the record starts on, 1-based. */
  line: number;
  cells: string[];
}

/**
 * Splits CSV text into records. Quoted cells may hold commas, doubled quotes
 * and newlines; CRLF and LF both end a record. An unterminated quote makes the
 * rest of the file one broken record, reported rather than guessed at.
 */
export function parseCsvRecords(content: string): { records: CsvRecord[]; error?: CorpusIssue } {
  const s = stripBom(content);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let atCellStart = true;
  const endRecord = (): void => {
    cells.push(cell);
    // A blank line is not a record.
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: start, cells });
    cells = [];
    cell = '';
    atCellStart = true;
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else {
      cell += ch;
      atCellStart = false;
    }
  }
  if (quoted) return { records, error: { file: '', line: start, reason: 'unterminated quoted field' } };
  if (cell !== '' || cells.length > 0) endRecord();
  return { records };
}

export function parseCsv(
  content: string,
  file: string,
  fields: FieldMap = DEFAULT_FIELDS,
  requireLabel = true,
): Corpus {
  const corpus: Corpus = { examples: [], issues: [] };
  const { records, error } = parseCsvRecords(content);
  const header = records[0];
  if (!header) {
    corpus.issues.push({ file, line: 1, reason: 'no header row' });
    return corpus;
  }
  const names = header.cells.map((c) => c.trim());
  for (const rec of records.slice(1)) {
    if (rec.cells.length !== names.length) {
      corpus.issues.push({
        file,
        line: rec.line,
        reason: `${rec.cells.length} fields where the header has ${names.length}`,
      });
      continue;
    }
    const obj: Record<string, string> = {};
    names.forEach((n, i) => {
      obj[n] = rec.cells[i]!;
    });
    const ex = toExample(obj, fields, requireLabel);
    if (typeof ex === 'string') corpus.issues.push({ file, line: rec.line, reason: ex });
    else corpus.examples.push({ ...ex, file, line: rec.line });
  }
  if (error) corpus.issues.push({ ...error, file });
  return corpus;
}

/** By extension; otherwise a file whose first non-blank character is `{` is JSONL. */
export function detectFormat(file: string, content: string): CorpusFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  return stripBom(content).trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

export interface ReadOptions {
  fields?: FieldMap;
  requireLabel?: boolean;
}

/**
 * Reads and concatenates several files. A file that cannot be read at all is
 * an error (the caller asked for it by name); bad records inside are issues.
 */
export async function readCorpus(files: readonly string[], options: ReadOptions = {}): Promise<Corpus> {
  const fields = options.fields ?? DEFAULT_FIELDS;
  const requireLabel = options.requireLabel ?? true;
  const out: Corpus = { examples: [], issues: [] };
  for (const file of files) {
    const content = await readFile(file, 'utf8');
    const parsed =
      detectFormat(file, content) === 'csv'
        ? parseCsv(content, file, fields, requireLabel)
        : parseJsonl(content, file, fields, requireLabel);
    // A loop, not push(...): spreading 100,000+ elements overflows the call stack.
    for (const e of parsed.examples) out.examples.push(e);
    for (const i of parsed.issues) out.issues.push(i);
  }
  return out;
}
