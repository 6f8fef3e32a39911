// xe against a live XenAPI server in this process: the CLI runs in-process
// with captured streams and connects over the server's Unix socket, as `xe`
// does by default on a host.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runXe } from '../../src/cli/main.js';
import { startTestServer, type TestServer } from '../support/xapi-server.js';
import { startToolstack, type Toolstack } from '../support/toolstack.js';
import type { XapiOptions } from '../../src/xapi/server.js';
import type { XapiClient } from '../../src/client/generated.js';
import { jsonRpcTransport } from '../../src/client/transport.js';
import { emptyValue } from '../../src/datamodel/build.js';
import { classByName, enums } from '../../src/datamodel/index.js';

export interface XeResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface XeHarness extends AsyncDisposable {
  readonly server: TestServer;
  /** The xenopsd of a `toolstack` harness. */
  readonly xenopsd?: Toolstack['xenopsd'];
  readonly client: XapiClient;
  readonly env: Record<string, string>;
  /** Call a message by wire name as root. */
  call(method: string, ...params: unknown[]): Promise<unknown>;
  /** Run `xe <argv...>`. */
  xe(...argv: string[]): Promise<XeResult>;
  /** Run with more environment, stdin, a terminal flag, or a stdout to watch while it runs. */
  xeWith(
    opts: { env?: Record<string, string>; stdin?: NodeJS.ReadableStream; isTTY?: boolean; stdout?: Sink },
    ...argv: string[]
  ): Promise<XeResult>;
}

export class Sink {
  text = '';
  private readonly waiters = new Set<() => void>();
  write(s: string | Uint8Array): boolean {
    this.text += typeof s === 'string' ? s : Buffer.from(s).toString('utf8');
    for (const w of this.waiters) w();
    return true;
  }
  /** Resolves once what was written contains `text`. */
  until(text: string): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!this.text.includes(text)) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
      check();
    });
  }
}

/**
 * `toolstack`: xapi with a real xenopsd on the simulator, for commands that run VMs;
 * `xapi`: more options for the server.
 */
export async function startXe(
  opts: { toolstack?: boolean; xapi?: Partial<XapiOptions> } = {},
): Promise<XeHarness> {
  const stack = opts.toolstack ? await startToolstack(opts.xapi) : undefined;
  const server: TestServer = stack ?? (await startTestServer(opts.xapi));
  const home = mkdtempSync(join(tmpdir(), 'xe-home-'));
  const env = { XAPI_TS_STATE_DIR: server.stateDir, HOME: home };
  const client = await server.client();
  const raw = jsonRpcTransport({ url: server.url });
  const xeWith: XeHarness['xeWith'] = async (opts, ...argv) => {
    const stdout = opts.stdout ?? new Sink();
    const stderr = new Sink();
    const code = await runXe({
      argv,
      env: { ...env, ...opts.env },
      stdout,
      stderr,
      ...(opts.stdin ? { stdin: opts.stdin } : {}),
      isTTY: opts.isTTY ?? false,
    });
    return { code, stdout: stdout.text, stderr: stderr.text };
  };
  return {
    server,
    ...(stack ? { xenopsd: stack.xenopsd } : {}),
    client,
    env,
    call: (method, ...params) => raw(method, [client.sessionRef, ...params]),
    xe: (...argv) => xeWith({}, ...argv),
    xeWith,
    async [Symbol.asyncDispose]() {
      raw.close();
      await server[Symbol.asyncDispose]();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A complete constructor record for `cls.create`, from the datamodel: every field a client may give. */
export function constructorRecord(
  clsName: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const cls = classByName.get(clsName);
  if (!cls) throw new Error(`no class ${clsName}`);
  const out: Record<string, unknown> = {};
  for (const f of cls.fields) {
    if (f.qualifier === 'DynamicRO') continue;
    if (f.default !== undefined) continue;
    const v = f.ty.kind === 'enum' ? enums.get(f.ty.name)?.values[0]?.name : emptyValue(f.ty);
    if (v !== undefined) out[f.name] = v;
  }
  return { ...out, ...overrides };
}

/** Create an object with the generic constructor; returns [ref, uuid]. */
export async function create(
  h: XeHarness,
  clsName: string,
  overrides: Record<string, unknown> = {},
): Promise<[string, string]> {
  const ref = String(await h.call(`${clsName}.create`, constructorRecord(clsName, overrides)));
  return [ref, String(await h.call(`${clsName}.get_uuid`, ref))];
}
