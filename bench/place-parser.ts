/**
 * The place parser: accuracy on the labelled requests and time per parse
 * (text and address), against normalise() alone as the baseline — the
 * traditional→simplified and clean-up pass every parse starts with.
 *   npm run bench -- place-parser [--rounds 20]
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { normalise } from '../src/nlp/normalise.js';
import { readPlaceExamples } from '../src/nlp/places/evaluate.js';
import { createPlaceParser } from '../src/nlp/places/parser.js';
import { seedAreas } from '../src/nlp/places/seed-areas.js';
import { placeAccuracyLine } from './suggest.js';
import { machine, summarise } from './support/stats.js';

const FIXTURE = join(import.meta.dirname, '..', 'test', 'fixtures', 'place-requests.jsonl');

export default async function run(args: string[] = process.argv.slice(2)): Promise<void> {
  const i = args.indexOf('--rounds');
  const rounds = i >= 0 ? Number(args[i + 1]) : 20;
  const started = process.hrtime.bigint();
  const parser = createPlaceParser(seedAreas());
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  const examples = readPlaceExamples(FIXTURE);
  const time = (fn: (text: string, address?: string) => unknown) => {
    const samples: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const e of examples) {
        const t = process.hrtime.bigint();
        fn(e.text, e.address);
        samples.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }
    return summarise(samples);
  };
  time((t, a) => parser.parse(t, a)); // warm-up
  const parse = time((t, a) => parser.parse(t, a));
  const base = time((t, a) => `${normalise(a)}${normalise(t)}`);
  const longText = `雁栖镇八道河村路灯坏了。${'详细情况如下'.repeat(16_000)}`;
  const t0 = process.hrtime.bigint();
  parser.parse(longText);
  const longMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const us = (x: number) => `${(x * 1000).toFixed(1)} µs`;
  console.log(
    `place parser — ${machine()}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `gazetteer: ${parser.gazetteer.size} forms, built in ${buildMs.toFixed(0)} ms (includes loading OpenCC)`,
  );
  console.log(`parse    p50 ${us(parse.p50)}  p95 ${us(parse.p95)}  p99 ${us(parse.p99)}  (n=${parse.n})`);
  console.log(`baseline normalise() alone: p50 ${us(base.p50)}  p95 ${us(base.p95)}  p99 ${us(base.p99)}`);
  console.log(`${longText.length.toLocaleString('en')}-character text: ${longMs.toFixed(1)} ms`);
  console.log(placeAccuracyLine());
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
