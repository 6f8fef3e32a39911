// The CLI's handle on a XenAPI server: a transport and a logged-in session.
// Calls are made by wire name (`VM.get_all_records`) because the CLI is
// driven by the datamodel, not by the typed client's methods.
import type { Transport } from '../client/transport.js';

/** A record as it comes off the wire. */
export type WireRecord = Readonly<Record<string, unknown>>;

export class Api {
  constructor(
    readonly transport: Transport,
    readonly session: string,
  ) {}

  call(method: string, ...params: readonly unknown[]): Promise<unknown> {
    return this.transport(method, [this.session, ...params]);
  }

  async records(cls: string): Promise<Record<string, WireRecord>> {
    return (await this.call(`${cls}.get_all_records`)) as Record<string, WireRecord>;
  }

  async record(cls: string, ref: string): Promise<WireRecord> {
    return (await this.call(`${cls}.get_record`, ref)) as WireRecord;
  }

  async byUuid(cls: string, uuid: string): Promise<string> {
    return String(await this.call(`${cls}.get_by_uuid`, uuid));
  }
}
