// What the generated client stands on: the transport and the session.
import type { Transport } from './transport.js';

export class ClientBase {
  /** The session ref sent as the first parameter of every session-taking call. */
  sessionRef = '';

  constructor(protected readonly transport: Transport) {}

  protected call(method: string, params: readonly unknown[]): Promise<unknown> {
    return this.transport(method, [this.sessionRef, ...params]);
  }

  protected callNoSession(method: string, params: readonly unknown[]): Promise<unknown> {
    return this.transport(method, params);
  }

  /** Log in and keep the session for later calls. */
  async login(user: string, password: string, originator = 'xapi-ts'): Promise<string> {
    this.sessionRef = String(
      await this.transport('session.login_with_password', [user, password, '1.1', originator]),
    );
    return this.sessionRef;
  }

  async logout(): Promise<void> {
    if (!this.sessionRef) return;
    await this.transport('session.logout', [this.sessionRef]);
    this.sessionRef = '';
  }
}
