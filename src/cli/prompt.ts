/**
 * Passwords for CLI commands: from an environment variable, an option, or
 * typed twice at a terminal without echo. Never read from a pipe without
 * being asked to: a script that forgot the option should fail, not hang.
 */
import { AppError } from '../domain/errors.js';

export interface PasswordOptions {
  passwordEnv?: string;
  password?: string;
}

/** Reads one line from a TTY in raw mode, echoing nothing. Ctrl-C aborts the process. */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve) => {
    let typed = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          process.stderr.write('\n');
          process.exit(130);
        }
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * The password the operator chose: --password-env wins, then --password;
 * with neither, a terminal is asked twice and a non-interactive run is refused.
 */
export async function passwordFrom(
  o: PasswordOptions,
  interactive = process.stdin.isTTY === true,
): Promise<string> {
  if (o.passwordEnv) {
    const value = process.env[o.passwordEnv];
    if (!value) throw new AppError('PASSWORD_ENV_MISSING', { name: o.passwordEnv });
    return value;
  }
  if (o.password) return o.password;
  if (!interactive) throw new AppError('PASSWORD_OPTION_REQUIRED');
  const first = await promptHidden('密码 / Password: ');
  const second = await promptHidden('再次输入 / Repeat: ');
  if (first !== second) throw new AppError('PASSWORDS_DIFFER');
  return first;
}
