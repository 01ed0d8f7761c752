/** `jiesu backup FILE` / `jiesu restore FILE [--force]` — 备份与恢复 of the whole database, checked table by table. */
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/database.js';
import { createBackup } from '../../services/backup/create-backup.js';
import { restoreBackup } from '../../services/backup/restore-backup.js';

export function register(program: Command): void {
  program
    .command('backup')
    .description('备份整个数据库到一个文件（含各表校验值）/ back the whole database up into one file')
    .argument('<file>', 'backup file to write (a tar archive: manifest.json + the dump)')
    .action(async (file: string) => {
      const config = loadConfig();
      const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
      try {
        const started = Date.now();
        const m = await createBackup({ handle, url: config.databaseUrl, file });
        const rows = Object.values(m.tables).reduce((sum, t) => sum + t.rows, 0);
        console.log(
          `备份完成 / backup written: ${file} — ${m.kind}, ${Object.keys(m.tables).length} tables, ${rows} rows, ` +
            `${(m.payload.bytes / 2 ** 20).toFixed(1)} MiB, ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
        console.log(
          '注意：密钥（JIESU_SECRET_KEY 或 secret.key）不在备份中，请另行保管 / the secret key is not in the backup: keep it separately',
        );
      } finally {
        await handle.close();
      }
    });

  program
    .command('restore')
    .description(
      '从备份文件恢复数据库，并逐表校验 / restore the database from a backup and verify every table',
    )
    .argument('<file>', 'backup file written by `jiesu backup`')
    .option('--force', 'overwrite a database that already holds data')
    .action(async (file: string, opts: { force?: boolean }) => {
      const config = loadConfig();
      const started = Date.now();
      const r = await restoreBackup({
        file,
        url: config.databaseUrl,
        dataDir: config.dataDir,
        force: opts.force === true,
      });
      console.log(
        `恢复完成并已校验 / restored and verified: ${r.tables} tables, ${r.rows} rows from ${r.manifest.createdAt}` +
          `${r.replacedRows > 0 ? ` (replaced ${r.replacedRows} rows)` : ''}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    });
}
