/**
 * Passwords are hashed with Argon2id (memory-hard), with parameters above
 * OWASP's minimum (19 MiB, 2 passes) so a stolen table resists GPU cracking.
 */
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../domain/errors.js';

const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Length, letters and digits, and not the username: the rules a 12345 centre's IT security asks for. */
export function checkPasswordRules(password: string, username: string): void {
  const ok =
    [...password].length >= PASSWORD_MIN_LENGTH &&
    /\p{L}/u.test(password) &&
    /\d/.test(password) &&
    password.toLowerCase() !== username.toLowerCase() &&
    !/^(.)\1+$/.test(password);
  if (!ok) throw new AppError('PASSWORD_TOO_WEAK', { min: PASSWORD_MIN_LENGTH });
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('jiesu-no-such-user-0');
  return dummy;
}
