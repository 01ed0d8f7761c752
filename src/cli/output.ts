/**
 * Console output for operators: messages in both languages, and a progress
 * bar on a terminal (a plain line every few seconds elsewhere, e.g. in CI logs).
 */
import { isAppError } from '../domain/errors.js';

export function printError(err: unknown): void {
  if (isAppError(err)) {
    process.stderr.write(
      `错误 ${err.code}：${err.message_('zh')}\nError ${err.code}: ${err.message_('en')}\n`,
    );
    for (const f of err.fields) process.stderr.write(`  ${f.path}: ${f.message}\n`);
    return;
  }
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`错误 / Error: ${message}\n`);
}

export interface Progress {
  tick(done: number): void;
  finish(message?: string): void;
}

export function progress(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  const started = Date.now();
  let lastPrint = 0;
  const tty = stream.isTTY === true;
  const render = (done: number, final: boolean) => {
    const elapsed = (Date.now() - started) / 1000;
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const rate = elapsed > 0 ? Math.round(done / elapsed) : 0;
    const eta = rate > 0 ? Math.max(0, Math.round((total - done) / rate)) : 0;
    const width = 30;
    const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
    const line = `${label} ${bar} ${(share * 100).toFixed(1)}% ${done}/${total} ${rate}/s ${final ? `${elapsed.toFixed(1)}s` : `ETA ${eta}s`}`;
    stream.write(tty ? `\r${line}${final ? '\n' : ''}` : `${line}\n`);
  };
  return {
    tick(done) {
      const now = Date.now();
      if (now - lastPrint < (tty ? 200 : 5000)) return;
      lastPrint = now;
      render(done, false);
    },
    finish(message) {
      render(total, true);
      if (message) stream.write(`${message}\n`);
    },
  };
}
