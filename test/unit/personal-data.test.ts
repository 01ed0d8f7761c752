import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCipher } from '../../src/security/personal-data.js';

describe('personal data at rest', () => {
  const cipher = createCipher(randomBytes(32));

  it('seals every value under its own nonce and opens it again, across refills of the nonce pool', () => {
    const sealed = Array.from({ length: 2000 }, () => cipher.encrypt('13912345678'));
    expect(new Set(sealed).size).toBe(sealed.length);
    expect(new Set(sealed.map((s) => s.split('.')[1])).size).toBe(sealed.length);
    for (const s of sealed) expect(cipher.decrypt(s)).toBe('13912345678');
    expect(cipher.decrypt(cipher.encrypt('张三 Zhang'))).toBe('张三 Zhang');
  });

  it('refuses a tampered value or one sealed under another key', () => {
    const s = cipher.encrypt('13912345678');
    const [v, iv, body, tag] = s.split('.');
    const flipped = `${v}.${iv}.${body?.startsWith('A') ? `B${body.slice(1)}` : `A${body?.slice(1)}`}.${tag}`;
    expect(() => cipher.decrypt(flipped)).toThrow();
    expect(() => createCipher(randomBytes(32)).decrypt(s)).toThrow();
    expect(() => cipher.decrypt('v0.x.y.z')).toThrow('unreadable sealed value');
  });

  it('hashes a phone the same whatever its spacing, and differently under another key', () => {
    expect(cipher.hashPhone('139 1234 5678')).toBe(cipher.hashPhone('13912345678'));
    expect(createCipher(randomBytes(32)).hashPhone('13912345678')).not.toBe(cipher.hashPhone('13912345678'));
  });
});
