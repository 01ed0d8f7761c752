/** `jiesu export FILE` — tickets 导出 in the format `jiesu import` reads, all or those received in a range. */
import type { Command } from 'commander';
import { openRuntime } from '../../runtime.js';
import { exportTickets } from '../../services/export-tickets.js';

export function register(program: Command): void {
  program
    .command('export')
    .description('导出工单（与导入格式相同） / export tickets in the import format (JSONL or CSV)')
    .argument('<file>', 'output file')
    .option('--format <format>', 'jsonl or csv (default: from the file name)')
    .option('--from <date>', 'received on or after this day (YYYY-MM-DD, Beijing time)')
    .option('--to <date>', 'received on or before this day (YYYY-MM-DD, Beijing time)')
    .action(async (file: string, opts: { format?: string; from?: string; to?: string }) => {
      const runtime = await openRuntime();
      const started = Date.now();
      let lastPrint = 0;
      try {
        const r = await exportTickets(runtime.ctx, {
          file,
          format: opts.format,
          from: opts.from,
          to: opts.to,
          onProgress: (n) => {
            if (Date.now() - lastPrint < 1000) return;
            lastPrint = Date.now();
            const rate = Math.round(n / Math.max(0.001, (Date.now() - started) / 1000));
            process.stderr.write(`导出 / export ${n} tickets, ${rate}/s\r`);
          },
        });
        console.log(`\n导出 ${r.exported} 条工单 / exported ${r.exported} tickets (${r.format}) → ${file}`);
      } finally {
        await runtime.close();
      }
    });
}
