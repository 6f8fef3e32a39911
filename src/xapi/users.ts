// Local accounts: root and the local users that xapi-ts adds (each a
// `subject` named `local:<name>`, whose roles are the subject's roles).
// Password hashes live outside the object database, in
// `<state>/users.json` (mode 0600), so no API call can read them.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePassword, hashPassword, verifyPassword } from './auth/passwords.js';

interface UsersFile {
  readonly version: 1;
  readonly hashes: Readonly<Record<string, string>>;
}

export const LOCAL_SUBJECT_PREFIX = 'local:';

export class Users {
  private hashes: Record<string, string>;

  private constructor(
    private readonly path: string,
    data: UsersFile,
  ) {
    this.hashes = { ...data.hashes };
  }

  /**
   * Open the users file, creating root's password at first start: from
   * `rootPassword` if given, else generated and written to
   * `<state>/root-password` (mode 0600). Returns the generated password, if any.
   */
  static async open(stateDir: string, rootPassword?: string): Promise<{ users: Users; generated?: string }> {
    const path = join(stateDir, 'users.json');
    if (existsSync(path)) {
      const data = JSON.parse(readFileSync(path, 'utf8')) as UsersFile;
      return { users: new Users(path, data) };
    }
    const users = new Users(path, { version: 1, hashes: {} });
    let generated: string | undefined;
    let password = rootPassword;
    if (!password) {
      generated = generatePassword();
      password = generated;
      writeFileSync(join(stateDir, 'root-password'), `${generated}\n`, { mode: 0o600 });
    }
    await users.setPassword('root', password);
    return { users, ...(generated ? { generated } : {}) };
  }

  has(name: string): boolean {
    return Object.hasOwn(this.hashes, name);
  }

  async verify(name: string, password: string): Promise<boolean> {
    const hash = this.hashes[name];
    return hash !== undefined && verifyPassword(password, hash);
  }

  async setPassword(name: string, password: string): Promise<void> {
    this.hashes[name] = await hashPassword(password);
    this.save();
  }

  remove(name: string): void {
    delete this.hashes[name];
    this.save();
  }

  private save(): void {
    const tmp = `${this.path}.tmp`;
    const data: UsersFile = { version: 1, hashes: this.hashes };
    writeFileSync(tmp, JSON.stringify(data, null, 1), { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}
