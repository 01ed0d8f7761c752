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

/**
 * Passwords that pass the length and character rules and still top every
 * leaked-password list, and words of this platform a guesser tries first.
 */
const COMMON = new Set([
  'password123',
  'password1234',
  'passw0rd123',
  'qwerty123456',
  'qwertyuiop1',
  'abc123456789',
  'abcd12345678',
  'a1234567890',
  '1234567890a',
  '1234567890q',
  '12345678abc',
  'admin123456',
  'admin1234567',
  'iloveyou123',
  'woaini123456',
  'jiesu123456',
  'jiesu12345678',
  'huairou12345',
  'huairou123456',
  'beijing12345',
  'beijing123456',
  'hotline12345',
]);

/** Length, letters and digits, not the username nor a common password: the rules a 12345 centre's IT security asks for. */
export function checkPasswordRules(password: string, username: string): void {
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  const ok =
    [...password].length >= PASSWORD_MIN_LENGTH &&
    /\p{L}/u.test(password) &&
    /\d/.test(password) &&
    lower !== name &&
    !(name.length >= 4 && lower.includes(name)) &&
    !COMMON.has(lower) &&
    !/^(.)\1+$/.test(password);
  if (!ok) throw new AppError('PASSWORD_TOO_WEAK', { min: PASSWORD_MIN_LENGTH });
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('jiesu-no-such-user-0');
  return dummy;
}
