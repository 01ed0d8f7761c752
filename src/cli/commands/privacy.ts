/**
 * `jiesu privacy export --phone N [--out FILE]` — 个人信息导出: everything
 * held about one phone number, as JSON (audited, like the admin route).
 * `jiesu retention run [--days N] [--dry-run]` — 保留期到期匿名化: removes
 * personal data from tickets finished longer ago than the retention period;
 * run it daily (a systemd timer or cron, see docs/deployment.md).
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { openRuntime } from '../../runtime.js';
import { exportPersonalData } from '../../services/privacy/export-personal-data.js';
import {
  anonymiseClosedTickets,
  retentionDaysFromEnv,
} from '../../services/retention/anonymise-closed-tickets.js';

export function register(program: Command): void {
  const privacy = program.command('privacy').description('个人信息 / personal data');
  privacy
    .command('export')
    .description('导出与某一电话号码有关的全部个人信息 / export everything held about one phone number')
    .requiredOption('--phone <phone>', 'the phone number')
    .option('--out <file>', 'write the JSON here (mode 600) instead of standard output')
    .action(async (opts: { phone: string; out?: string }) => {
      const runtime = await openRuntime();
      try {
        const data = await exportPersonalData(runtime.ctx, {
          phone: opts.phone,
          actor: { userId: null, role: 'system' },
        });
        const json = `${JSON.stringify(data, null, 2)}\n`;
        if (opts.out) {
          writeFileSync(opts.out, json, { mode: 0o600 });
          console.error(
            `已导出 / exported ${data.tickets.length} tickets, ${data.applications.length} applications, ${data.accounts.length} accounts → ${opts.out}`,
          );
        } else {
          process.stdout.write(json);
        }
      } finally {
        await runtime.close();
      }
    });

  const retention = program.command('retention').description('个人信息保留期 / personal-data retention');
  retention
    .command('run')
    .description('匿名化超过保留期的已办结工单 / anonymise finished tickets past the retention period')
    .option('--days <days>', 'retention period in days (default $JIESU_RETENTION_DAYS or 1095)')
    .option('--dry-run', 'only count the tickets that are due')
    .action(async (opts: { days?: string; dryRun?: boolean }) => {
      const days = opts.days ? Number(opts.days) : retentionDaysFromEnv();
      const runtime = await openRuntime();
      try {
        const r = await anonymiseClosedTickets(runtime.ctx, {
          days,
          dryRun: opts.dryRun === true,
          onProgress: (n) => process.stderr.write(`匿名化 / anonymised ${n}\r`),
        });
        console.log(
          `${opts.dryRun ? '到期 / due' : '已匿名化 / anonymised'}: ${r.tickets} tickets finished before ${r.cutoff.toISOString()} (${days} days)`,
        );
      } finally {
        await runtime.close();
      }
    });
}
