import type { Command } from 'commander';
import { openRuntime } from '../../runtime.js';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('建立或升级数据库结构 / create or upgrade the database schema')
    .action(async () => {
      const runtime = await openRuntime({ migrate: false });
      try {
        const { migrateToLatest } = await import('../../db/migrate.js');
        const applied = await migrateToLatest(runtime.handle.db);
        console.log(
          applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date / 数据库结构已是最新',
        );
      } finally {
        await runtime.close();
      }
    });
}
