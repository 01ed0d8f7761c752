/** `jiesu audit verify` — 审计校验: recomputes every ticket's event hash chain; exits 1 at the first break. */
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/database.js';
import { verifyAuditChain } from '../../services/audit-verify.js';

export function register(program: Command): void {
  const audit = program.command('audit').description('审计 / audit trail');
  audit
    .command('verify')
    .description('校验工单事件哈希链，发现篡改或删除时以非零状态退出 / verify the ticket event hash chains')
    .option('--all', 'list every broken ticket (up to 100), not only the first')
    .action(async (opts: { all?: boolean }) => {
      const config = loadConfig();
      const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
      let failed = false;
      try {
        let lastPrint = 0;
        const r = await verifyAuditChain(handle.db, {
          maxProblems: opts.all ? 100 : 1,
          onProgress: (n) => {
            if (Date.now() - lastPrint < 2000) return;
            lastPrint = Date.now();
            process.stderr.write(`校验 / verified ${n} tickets\r`);
          },
        });
        console.log(`工单 / tickets ${r.tickets}, 事件 / events ${r.events}`);
        if (r.ok) {
          console.log('哈希链完整 / every chain is intact');
        } else {
          failed = true;
          for (const b of r.broken) {
            const at = b.seq === null ? '工单记录 / ticket row' : `事件 / event #${b.seq}`;
            console.error(
              `哈希链断裂 / BROKEN: ticket ${b.number || '?'} (id ${b.ticketId}), ${at}: ${b.problem} — ${b.detail}`,
            );
          }
        }
        console.log(`链头摘要 / head digest: ${r.headDigest}`);
      } finally {
        await handle.close();
      }
      if (failed) process.exit(1);
    });
}
