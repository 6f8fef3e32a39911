// The pool secret (xapi's /etc/xensource/ptoken): a random token in
// `<state>/pool-secret`, mode 0600 like root-password. A host proves it is a
// member of the pool by presenting it to session.slave_login; every member
// holds the same one once joined (pool.join hands it over, pools.md §1.6).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_FILE = 'pool-secret';

/** A fresh secret: 32 random bytes, as text (it travels as a XenAPI string). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export class PoolSecret {
  private constructor(
    private readonly path: string,
    private value: string,
  ) {}

  /** Read the secret, creating one at first start. */
  static open(stateDir: string): PoolSecret {
    const path = join(stateDir, SECRET_FILE);
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8').trim();
      if (text !== '') return new PoolSecret(path, text);
    }
    const s = new PoolSecret(path, newSecret());
    s.write();
    return s;
  }

  get(): string {
    return this.value;
  }

  /** Compare without leaking through timing how much of a guess was right. */
  matches(candidate: string): boolean {
    const a = Buffer.from(this.value);
    const b = Buffer.from(candidate);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Replace the secret (pool.rotate_secret; a joiner storing its new pool's secret). */
  set(value: string): void {
    if (value === '') throw new Error('the pool secret cannot be empty');
    this.value = value;
    this.write();
  }

  private write(): void {
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, `${this.value}\n`, { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}
