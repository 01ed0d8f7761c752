/**
 * `jiesu import FILE` — bulk import 批量导入 of a legacy system's tickets
 * with their handling histories (docs/import-format.md). Prints a progress
 * bar with rows per second; Ctrl-C stops after the batch in flight, and
 * `--resume` continues from there. Exits with status 2 when rows were
 * rejected, after printing how many and where the report is.
 * `--initial-load` is the go-live load into empty tables on PostgreSQL: one
 * transaction, indexes and keys rebuilt at the end, all rows or none.
 * On PostgreSQL, worker threads replay and encode the batches (`--workers`,
 * one per core by default).
 */
import type { Command } from 'commander';
import { openRuntime } from '../../runtime.js';
import { type ImportProgress, importTickets } from '../../services/import-tickets.js';

/** A bar over the bytes of the file (the only total known up front), with the row rate beside it. */
function importBar(stream: NodeJS.WriteStream = process.stderr): {
  tick(p: ImportProgress): void;
  end(): void;
} {
  const started = Date.now();
  const tty = stream.isTTY === true;
  let lastPrint = 0;
  let last: ImportProgress | null = null;
  const render = (p: ImportProgress, final: boolean) => {
    const elapsed = (Date.now() - started) / 1000;
    const share = p.size > 0 ? Math.min(1, p.bytes / p.size) : 1;
    const rows = p.imported + p.rejected;
    const rate = elapsed > 0 ? Math.round(rows / elapsed) : 0;
    const eta = share > 0 ? Math.max(0, Math.round((elapsed / share) * (1 - share))) : 0;
    const bar = '█'.repeat(Math.round(share * 30)).padEnd(30, '░');
    const line = `导入 / import ${bar} ${(share * 100).toFixed(1)}% ${p.imported} imported, ${p.rejected} rejected, ${rate} rows/s ${final ? `${elapsed.toFixed(1)}s` : `ETA ${eta}s`}`;
    stream.write(tty ? `\r${line}${final ? '\n' : ''}` : `${line}\n`);
  };
  return {
    tick(p) {
      last = p;
      const now = Date.now();
      if (now - lastPrint < (tty ? 200 : 5000)) return;
      lastPrint = now;
      render(p, false);
    },
    end() {
      if (last) render(last, true);
    },
  };
}

export function register(program: Command): void {
  program
    .command('import')
    .description('批量导入历史工单 / bulk import legacy tickets with their handling history (JSONL or CSV)')
    .argument('<file>', 'JSONL or CSV file (docs/import-format.md)')
    .option('--format <format>', 'jsonl or csv (default: from the file name)')
    .option('--rejects <file>', 'rejected-rows report (default: <file>.rejects.jsonl)')
    .option('--batch <n>', 'good rows per batch (one transaction)', '2000')
    .option(
      '--workers <n>',
      '回放与编码的工作线程数（PostgreSQL；0 为不用） / worker threads replaying and encoding batches (PostgreSQL; 0: none; default: one per core, at most 8)',
    )
    .option('--resume', 'continue the interrupted import of this file after its last committed batch')
    .option('--force', 'import a file that was imported before')
    .option(
      '--initial-load',
      '首次导入：工单表须为空，整体一个事务，全部成功或全部撤销 / go-live load into empty tables (PostgreSQL): one transaction, indexes rebuilt at the end, all rows or none',
    )
    .action(
      async (
        file: string,
        opts: {
          format?: string;
          rejects?: string;
          batch: string;
          resume?: boolean;
          force?: boolean;
          initialLoad?: boolean;
          workers?: string;
        },
      ) => {
        const batchSize = Number(opts.batch);
        if (!Number.isInteger(batchSize) || batchSize <= 0)
          throw new Error('--batch must be a positive integer');
        const workers = opts.workers === undefined ? undefined : Number(opts.workers);
        if (workers !== undefined && (!Number.isInteger(workers) || workers < 0 || workers > 64))
          throw new Error('--workers must be an integer from 0 to 64');
        const runtime = await openRuntime();
        const abort = new AbortController();
        const onSigint = () => {
          process.stderr.write('\n正在提交当前批次后停止… / stopping after the batch in flight…\n');
          abort.abort();
        };
        process.once('SIGINT', onSigint);
        const bar = importBar();
        try {
          const r = await importTickets(runtime.ctx, {
            file,
            format: opts.format,
            rejectsFile: opts.rejects,
            batchSize,
            resume: opts.resume,
            force: opts.force,
            initialLoad: opts.initialLoad,
            workers,
            signal: abort.signal,
            pool: runtime.handle.pool,
            onProgress: (p) => bar.tick(p),
          });
          bar.end();
          console.log(
            `导入 ${r.imported} 条，拒绝 ${r.rejected} 条（第 ${r.runId} 次导入${r.resumed ? '，续传' : ''}） / imported ${r.imported}, rejected ${r.rejected} (run ${r.runId}${r.resumed ? ', resumed' : ''})`,
          );
          if (r.interrupted && opts.initialLoad) {
            console.log(
              `已中断，首次导入已全部撤销，请重新运行 / interrupted: the initial load was rolled back, run it again`,
            );
            process.exitCode = 130;
          } else if (r.interrupted) {
            console.log(`已中断，可用 --resume 继续 / interrupted: run again with --resume to continue`);
            process.exitCode = 130;
          }
          if (r.rejected > 0) {
            console.log(`被拒绝的行及原因见 / rejected rows and reasons: ${r.rejectsFile}`);
            process.exitCode = process.exitCode ?? 2;
          }
        } finally {
          process.off('SIGINT', onSigint);
          await runtime.close();
        }
      },
    );
}
