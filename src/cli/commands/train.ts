import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../../config.js';
import { saveModel, train } from '../../nlp/classifier.js';
import { type Corpus, type FieldMap, readCorpus } from '../../nlp/corpus.js';
import { modelPath } from '../../services/intake/category-model.js';

/** Options shared by `train` and `eval`: which files, which fields. */
export interface CorpusOptions {
  input: string[];
  textField: string;
  titleField: string;
  bodyField: string;
  labelField: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function addCorpusOptions(cmd: Command): Command {
  return cmd
    .requiredOption('-i, --input <file>', 'JSONL or CSV file of labelled texts (repeatable)', collect, [])
    .option('--text-field <name>', 'field holding the text', 'text')
    .option('--title-field <name>', 'title field, used with the body where there is no text field', 'title')
    .option('--body-field <name>', 'body field', 'body')
    .option('--label-field <name>', 'field holding the category label', 'label');
}

export function fieldMap(o: CorpusOptions): FieldMap {
  return { text: o.textField, title: o.titleField, body: o.bodyField, label: o.labelField };
}

/** Option parsers: commander reports a bad value as a usage error, not a stack trace. */
export function parseInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('must be an integer');
  return n;
}

export function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
}

/** Reads the inputs, reporting bad records on stderr (the first 20 of them). */
export async function readInputs(o: CorpusOptions, cmd: Command): Promise<Corpus> {
  const corpus = await readCorpus(o.input, { fields: fieldMap(o) });
  const shown = corpus.issues.slice(0, 20);
  for (const issue of shown)
    process.stderr.write(`跳过 / skipped ${issue.file}:${issue.line}: ${issue.reason}\n`);
  if (corpus.issues.length > shown.length) {
    process.stderr.write(
      `… ${corpus.issues.length - shown.length} more bad records / 另有 ${corpus.issues.length - shown.length} 条\n`,
    );
  }
  if (corpus.examples.length === 0) {
    cmd.error('error: no usable labelled texts in the input / 输入中没有可用的已标注文本');
  }
  return corpus;
}

export function labelCounts(labels: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');
}

interface TrainCliOptions extends CorpusOptions {
  model?: string;
  seed: number;
  c: number;
}

/**
 * `jiesu train`: fits the category classifier on labelled tickets and writes
 * the model file the server loads at start.
 */
export function register(program: Command): void {
  const cmd = program
    .command('train')
    .description('训练诉求分类模型 / train the category classifier from labelled tickets');
  addCorpusOptions(cmd)
    .option('-m, --model <path>', 'where to write the model (default: what the server loads)')
    .option('--seed <n>', 'random seed (same seed and input, same model)', parseInteger, 1)
    .option(
      '--c <cost>',
      'SVM cost C (regularisation; larger fits the training data harder)',
      parsePositive,
      1,
    )
    .action(async (opts: TrainCliOptions, command: Command) => {
      const { seed, c: C } = opts;
      const out = opts.model ?? modelPath(loadConfig());
      const t0 = performance.now();
      const corpus = await readInputs(opts, command);
      const t1 = performance.now();
      const labels = corpus.examples.map((e) => e.label);
      process.stderr.write(
        `读取 / read ${corpus.examples.length} texts from ${opts.input.length} file(s) in ${((t1 - t0) / 1000).toFixed(1)} s\n` +
          `类别 / labels: ${labelCounts(labels)}\n`,
      );
      const model = train(corpus.examples, {
        C,
        seed,
        onProgress: (m) =>
          process.stderr.write(`  ${((performance.now() - t1) / 1000).toFixed(1)} s  ${m}\n`),
      });
      const t2 = performance.now();
      await mkdir(dirname(out), { recursive: true });
      const bytes = await saveModel(model, out);
      process.stderr.write(
        `训练用时 / trained in ${((t2 - t1) / 1000).toFixed(1)} s; ` +
          `模型 / model ${out} (${(bytes / 1024 / 1024).toFixed(1)} MB, ${model.labels.length} labels)\n`,
      );
    });
}
