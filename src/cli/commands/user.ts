/**
 * `jiesu user …` — accounts from the command line. The first admin is made
 * here (`jiesu user create --username admin --role admin`), since nobody can
 * sign in to the web before an admin exists.
 */
import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { openRuntime } from '../../runtime.js';
import { CLI_ACTOR } from '../../services/admin/admin-change.js';
import { listUsers } from '../../services/admin/list-users.js';
import { resetPassword } from '../../services/admin/reset-password.js';
import { ASSIGNABLE_ROLES } from '../../services/admin/update-user.js';
import { createUser } from '../../services/auth/create-user.js';
import { type PasswordOptions, passwordFrom } from '../prompt.js';

const PASSWORD_HELP =
  'the password itself (visible to other local users in the process list; prefer --password-env)';

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function register(program: Command): void {
  const user = program.command('user').description('用户管理 / manage user accounts');

  user
    .command('create')
    .description('新建用户 / create a user (the first admin is made this way)')
    .requiredOption('--username <name>', 'username: 3–64 letters, digits or ._@-')
    .requiredOption('--role <role>', `role: ${ASSIGNABLE_ROLES.join(', ')}`)
    .option('--unit <code>', 'unit code (required for handler, unit_lead, reviewer)')
    .option('--name <name>', 'display name')
    .option('--password-env <var>', 'read the password from this environment variable')
    .option('--password <password>', PASSWORD_HELP)
    .action(async (o: PasswordOptions & { username: string; role: string; unit?: string; name?: string }) => {
      const password = await passwordFrom(o);
      const runtime = await openRuntime();
      try {
        const created = await createUser(runtime.ctx, {
          username: o.username,
          password,
          role: o.role,
          unitCode: o.unit ?? null,
          displayName: o.name,
          createdBy: { userId: null, role: 'system' },
        });
        console.log(`已创建用户 / user created: #${created.id} ${created.username} (${created.role})`);
      } finally {
        await runtime.close();
      }
    });

  user
    .command('list')
    .description('用户列表 / list users')
    .option('--role <role>', 'only this role')
    .option('--json', 'one JSON object per line')
    .action(async (o: { role?: string; json?: boolean }) => {
      const runtime = await openRuntime();
      try {
        const { items, total } = await listUsers(runtime.ctx, { role: o.role, limit: 10_000 });
        const ref = await runtime.ctx.reference.get();
        const now = runtime.ctx.clock();
        const rows = items.map(({ user: u, activeSessions }) => ({
          id: u.id,
          username: u.username,
          displayName: u.display_name,
          role: u.role,
          unit: u.unit_id === null ? null : (ref.units.get(u.unit_id)?.code ?? String(u.unit_id)),
          active: u.active,
          locked: u.locked_until !== null && u.locked_until > now,
          activeSessions,
          lastLoginAt: u.last_login_at?.toISOString() ?? null,
        }));
        if (o.json) {
          for (const r of rows) console.log(JSON.stringify(r));
          return;
        }
        console.log(
          table([
            ['id', 'username', 'role', 'unit', 'active', 'locked', 'sessions', 'last login'],
            ...rows.map((r) => [
              String(r.id),
              r.username,
              r.role,
              r.unit ?? '-',
              r.active ? 'yes' : 'no',
              r.locked ? 'yes' : 'no',
              String(r.activeSessions),
              r.lastLoginAt ?? '-',
            ]),
          ]),
        );
        console.log(`共 ${total} 个用户 / ${total} users`);
      } finally {
        await runtime.close();
      }
    });

  user
    .command('reset-password')
    .description('重置密码 / set a new password (ends the user’s sessions, lifts a lockout)')
    .requiredOption('--username <name>', 'whose password')
    .option('--password-env <var>', 'read the new password from this environment variable')
    .option('--password <password>', PASSWORD_HELP)
    .option('--generate', 'generate a password and print it once')
    .action(async (o: PasswordOptions & { username: string; generate?: boolean }) => {
      const password = o.generate ? undefined : await passwordFrom(o);
      const runtime = await openRuntime();
      try {
        const found = await runtime.ctx.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', o.username.trim())
          .executeTakeFirst();
        if (!found) throw new AppError('USER_NOT_FOUND', { user: o.username });
        const r = await resetPassword(runtime.ctx, { actor: CLI_ACTOR, userId: found.id, password });
        console.log(`已重置密码 / password reset for ${o.username}; ${r.revokedSessions} session(s) ended`);
        if (r.generatedPassword) {
          console.log(r.generatedPassword);
          console.error(
            '请立即转交并妥善保存，此密码不会再次显示 / Pass it on now: it will not be shown again',
          );
        }
      } finally {
        await runtime.close();
      }
    });
}
