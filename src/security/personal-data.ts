/**
 * Personal data (phone numbers, names, ID numbers) is encrypted at rest with
 * AES-256-GCM under a key from the environment, and findable by a keyed hash
 * (HMAC-SHA-256) so that "this caller's history" needs no decryption.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  randomFillSync,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PersonalDataCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** keyed hash for lookups; the input is normalised first (digits only for phones) */
  hashPhone(phone: string): string;
  /**
   * keyed hash of another kind of value (ID numbers, e-mail addresses), prefixed with its kind so
   * that equal digits of a phone and of an ID number never hash alike; the caller normalises
   */
  hashLookup(kind: 'id_number' | 'email', value: string): string;
}

const VERSION = 'v1';

/**
 * GCM nonces (12 bytes, each used once) cut from one buffer of CSPRNG output
 * refilled when used up: one call into OpenSSL per 341 nonces. Under intake
 * load one call per value was 5–6 % of the server's CPU.
 */
const NONCES = Buffer.alloc(12 * 341);
let nonceAt = NONCES.length;

function nextNonce(): Buffer {
  if (nonceAt + 12 > NONCES.length) {
    randomFillSync(NONCES);
    nonceAt = 0;
  }
  const nonce = Buffer.from(NONCES.subarray(nonceAt, nonceAt + 12));
  nonceAt += 12;
  return nonce;
}

/** Each cipher's secret, for a worker thread to make the same cipher (never on the object: it is logged). */
const SECRETS = new WeakMap<PersonalDataCipher, Buffer>();

/** The secret `cipher` was made from, to hand to a worker thread of this process. */
export function cipherSecret(cipher: PersonalDataCipher): Buffer {
  const secret = SECRETS.get(cipher);
  if (!secret) throw new Error('not a cipher made by createCipher');
  return secret;
}

export function createCipher(secret: Buffer): PersonalDataCipher {
  if (secret.length < 32) throw new Error('JIESU_SECRET_KEY must be at least 32 bytes');
  // Separate keys for encryption and hashing, so a leaked hash key reveals nothing about ciphertexts.
  const encKey = Buffer.from(hkdfSync('sha256', secret, 'jiesu', 'personal-data-encryption', 32));
  const macKey = Buffer.from(hkdfSync('sha256', secret, 'jiesu', 'personal-data-lookup', 32));
  const cipher: PersonalDataCipher = {
    encrypt(plain) {
      const iv = nextNonce();
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}.${tag.toString('base64url')}`;
    },
    decrypt(sealed) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== VERSION || !iv || body === undefined || !tag)
        throw new Error('unreadable sealed value');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
    hashPhone(phone) {
      return createHmac('sha256', macKey).update(normalisePhone(phone)).digest('hex');
    },
    hashLookup(kind, value) {
      return createHmac('sha256', macKey).update(`${kind}\n${value}`).digest('hex');
    },
  };
  SECRETS.set(cipher, Buffer.from(secret));
  return cipher;
}

/**
 * The key comes from JIESU_SECRET_KEY (base64 or hex, ≥ 32 bytes). Without it a
 * key is generated once into `<dataDir>/secret.key`, which suits a laptop;
 * production sets the variable and keeps the key out of the database's backups.
 */
export function loadSecret(env: NodeJS.ProcessEnv, dataDir: string): Buffer {
  const fromEnv = env.JIESU_SECRET_KEY?.trim();
  if (fromEnv) {
    const decoded = /^[0-9a-fA-F]+$/.test(fromEnv)
      ? Buffer.from(fromEnv, 'hex')
      : Buffer.from(fromEnv, 'base64');
    if (decoded.length < 32) throw new Error('JIESU_SECRET_KEY must encode at least 32 bytes');
    return decoded;
  }
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  // +86 / 0086 prefixes do not make a different caller
  return digits.replace(/^(?:0086|86)(?=1\d{10}$)/, '');
}

/** 138****1234; short numbers keep their last four digits only. */
export function maskPhone(phone: string): string {
  const digits = normalisePhone(phone);
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length > 4) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return '****';
}

/** 张** — the surname stays so the agent can address the caller. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (/^[A-Za-z]/.test(chars[0] ?? '')) return `${chars[0]}***`;
  return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

export function lastFour(phone: string): string {
  return normalisePhone(phone).slice(-4);
}
