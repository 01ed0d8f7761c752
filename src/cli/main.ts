/**
 * `jiesu` — the operator's command line. Each command lives in ./commands.
 */
import { Command } from 'commander';
import { register as registerApiKey } from './commands/api-key.js';
import { register as registerAssessment } from './commands/assessment.js';
import { register as registerAudit } from './commands/audit.js';
import { register as registerBackup } from './commands/backup.js';
import { register as registerEval } from './commands/eval.js';
import { register as registerExport } from './commands/export.js';
import { register as registerImport } from './commands/import.js';
import { register as registerMigrate } from './commands/migrate.js';
import { register as registerPrivacy } from './commands/privacy.js';
import { register as registerReindex } from './commands/reindex.js';
import { register as registerSeed } from './commands/seed.js';
import { register as registerServe } from './commands/serve.js';
import { register as registerTrain } from './commands/train.js';
import { register as registerUser } from './commands/user.js';
import { printError } from './output.js';

const program = new Command();
program
  .name('jiesu')
  .description(
    '接诉 jiesu — 12345 接诉即办 and 全程网办 platform / citizen-request and online-services platform',
  )
  .showHelpAfterError();

for (const register of [registerServe, registerMigrate, registerSeed, registerTrain, registerEval]) {
  register(program);
}
registerUser(program);
registerApiKey(program);
registerImport(program);
registerExport(program);
registerBackup(program);
registerAudit(program);
registerPrivacy(program);
registerReindex(program);
registerAssessment(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  printError(err);
  process.exit(1);
});
