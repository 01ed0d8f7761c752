import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { loadModel, train } from '../../nlp/classifier.js';
import { shingles } from '../../nlp/features.js';
import { crossValidate, type Evaluation, evaluate, nearDuplicateGroups } from '../../nlp/metrics.js';
import {
  addCorpusOptions,
  type CorpusOptions,
  labelCounts,
  parseInteger,
  parsePositive,
  readInputs,
} from './train.js';

interface EvalCliOptions extends CorpusOptions {
  model?: string;
  cv?: number;
  group: boolean;
  seed: number;
  c: number;
  json?: boolean;
}

/** Terminal columns of a string: CJK and full-width characters take two. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000
        ? 2
        : 1;
  }
  return w;
}

const padEnd = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number): string => ' '.repeat(Math.max(0, n - width(s))) + s;

/** The evaluation as a readable report: summary, per-class table, confusion matrix. */
export function formatReport(e: Evaluation, title: string): string {
  const lines = [
    title,
    `n = ${e.n}   accuracy ${e.accuracy.toFixed(4)}   macro-F1 ${e.macro_f1.toFixed(4)}`,
    '',
  ];
  const lw = Math.max(8, ...e.labels.map(width));
  lines.push(`${padEnd('label', lw)}  precision  recall      F1  support`);
  for (const c of e.per_class) {
    lines.push(
      `${padEnd(c.label, lw)}  ${padStart(c.precision.toFixed(4), 9)}  ${padStart(c.recall.toFixed(4), 6)}  ` +
        `${padStart(c.f1.toFixed(4), 6)}  ${padStart(String(c.support), 7)}`,
    );
  }
  lines.push(
    '',
    '混淆矩阵 / confusion matrix (rows: true label, columns: predicted, in the order of the rows)',
  );
  const cw = Math.max(6, ...e.confusion.flat().map((v) => String(v).length + 1));
  const numbers = e.labels.map((_, i) => padStart(`[${i + 1}]`, cw)).join('');
  lines.push(`${padEnd('', lw + 5)}${numbers}`);
  e.labels.forEach((label, i) => {
    const row = e.confusion[i]!.map((v) => padStart(String(v), cw)).join('');
    lines.push(`${padStart(`[${i + 1}]`, 4)} ${padEnd(label, lw)}${row}`);
  });
  return `${lines.join('\n')}\n`;
}

/** The JSON form: accuracy, macro_f1, per_class keyed by label, and the confusion matrix. */
export function toJson(e: Evaluation, extra: Record<string, unknown>): Record<string, unknown> {
  const per_class: Record<string, { precision: number; recall: number; f1: number; support: number }> = {};
  for (const c of e.per_class)
    per_class[c.label] = { precision: c.precision, recall: c.recall, f1: c.f1, support: c.support };
  return {
    accuracy: e.accuracy,
    macro_f1: e.macro_f1,
    per_class,
    n: e.n,
    confusion: { labels: e.labels, matrix: e.confusion },
    ...extra,
  };
}

/**
 * `jiesu eval`: scores a model file on labelled texts, or, with --cv K, runs
 * K-fold cross-validation (training per fold; no model file involved).
 * Near-duplicate texts are kept in one fold unless --no-group.
 */
export function register(program: Command): void {
  const cmd = program
    .command('eval')
    .description(
      '评估诉求分类模型 / evaluate the category classifier (a model file, or k-fold cross-validation)',
    );
  addCorpusOptions(cmd)
    .option('-m, --model <path>', 'model file to evaluate')
    .option('--cv <k>', 'k-fold cross-validation instead of a model file', parseInteger)
    .option('--no-group', 'with --cv: plain stratified folds, near-duplicates not kept together')
    .option('--seed <n>', 'with --cv: seed of the folds and of training', parseInteger, 1)
    .option('--c <cost>', 'with --cv: SVM cost C', parsePositive, 1)
    .option('--json', 'print one JSON object instead of tables')
    .action(async (opts: EvalCliOptions, command: Command) => {
      if (!opts.model && opts.cv === undefined) {
        command.error('error: give --model <path> or --cv <k> / 请指定 --model 或 --cv');
      }
      if (opts.model && opts.cv !== undefined) {
        command.error('error: --model and --cv exclude each other / --model 与 --cv 只能选一个');
      }
      const corpus = await readInputs(opts, command);
      const examples = corpus.examples;
      const gold = examples.map((e) => e.label);
      process.stderr.write(`读取 / read ${examples.length} texts; labels: ${labelCounts(gold)}\n`);
      let evaluation: Evaluation;
      let extra: Record<string, unknown>;
      let title: string;
      if (opts.model) {
        const t0 = performance.now();
        const model = await loadModel(opts.model);
        const t1 = performance.now();
        const predicted = examples.map((e) => model.predictLabel(e.text));
        const t2 = performance.now();
        const unknown = [...new Set(gold)].filter((l) => !model.labels.includes(l));
        if (unknown.length)
          process.stderr.write(`警告 / warning: labels the model does not know: ${unknown.join(', ')}\n`);
        evaluation = evaluate(gold, predicted, model.labels);
        const perSecond = Math.round(examples.length / ((t2 - t1) / 1000));
        process.stderr.write(`模型加载 / model loaded in ${(t1 - t0).toFixed(0)} ms; ${perSecond} texts/s\n`);
        title = `模型评估 / evaluation of ${opts.model}`;
        extra = { mode: 'model', model: opts.model };
      } else {
        const k = opts.cv ?? 5;
        if (k < 2 || k > examples.length) {
          command.error(
            `error: --cv must be between 2 and the number of texts (${examples.length}), got ${k}`,
          );
        }
        const { seed, c: C } = opts;
        const t0 = performance.now();
        const groups = opts.group ? nearDuplicateGroups(examples.map((e) => shingles(e.text))) : undefined;
        if (groups) {
          const distinct = new Set(groups).size;
          process.stderr.write(
            `近似重复分组 / near-duplicate groups: ${examples.length - distinct} texts joined a group\n`,
          );
        }
        const result = crossValidate(examples, k, (training) => train(training, { C, seed }), {
          seed,
          groups,
          onFold: (f, n, tr, te) =>
            process.stderr.write(
              `  fold ${f + 1}/${n}: train ${tr}, test ${te}  (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
            ),
        });
        evaluation = result.evaluation;
        const kind = groups ? 'grouped' : 'plain';
        title = `${k} 折交叉验证 / ${k}-fold cross-validation (${kind})`;
        extra = { mode: 'cv', k, grouping: kind, seed };
      }
      process.stdout.write(
        opts.json ? `${JSON.stringify(toJson(evaluation, extra))}\n` : formatReport(evaluation, title),
      );
    });
}
