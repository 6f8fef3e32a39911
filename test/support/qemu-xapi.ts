// Support for the end-to-end tests of real VMs through the XenAPI: a toolstack whose
// xenopsd runs the QEMU backend with the test guest as the built-in "Tiny Linux"
// files, a client of xapi's /console handler that runs shell commands in the guest,
// and a teardown that kills every QEMU of the run, also when a test fails.
import { connect, type Socket } from 'node:net';
import { createQemuBackend } from '../../src/xenopsd/backends/qemu/backend.js';
import type { GuestImage } from '../../src/xenopsd/backends/qemu/guest-image/build.js';
import type { BackendInitContext } from '../../src/xenopsd/backends/api.js';
import type { XapiClient } from '../../src/client/generated.js';
import { startToolstack, type Toolstack } from './toolstack.js';
import { untilObject } from './events.js';
import { addVif } from './vm-builder.js';
import { instanceTagOf, killQemus, needGuestImage } from './qemu.js';
import type { XapiOptions } from '../../src/xapi/server.js';

const guest = await needGuestImage();
export const guestImage: GuestImage | undefined = guest.image;

/** For `test(..., { skip })`: why the tests that boot the guest cannot run here, or false. */
export const skipWithoutGuest: string | false = guest.skip;

/** The files the built-in templates name `builtin:<name>`, from the test guest image. */
export function builtinFilesOf(image: GuestImage): Record<string, string> {
  return {
    'tiny-linux/vmlinux': image.vmlinux,
    'tiny-linux/vmlinux.efi': image.vmlinuz,
    'tiny-linux/initrd': image.initrd,
  };
}

/** A toolstack on the QEMU backend; disposing it also kills any QEMU it left behind. */
export async function startQemuToolstack(opts: Partial<XapiOptions> = {}): Promise<Toolstack> {
  const image = guestImage;
  if (!image) throw new Error('no guest image');
  let tag = '';
  const backend = createQemuBackend({ priority: 15, builtinFiles: async () => builtinFilesOf(image) });
  const init = backend.init.bind(backend);
  Object.assign(backend, {
    init: async (ctx: BackendInitContext) => {
      tag = instanceTagOf(ctx.instance, ctx.hostDir);
      await init(ctx);
    },
  });
  const ts = await startToolstack({ backend, cleanShutdownTimeoutS: 60, ...opts });
  const dispose = ts[Symbol.asyncDispose].bind(ts);
  const killAll = () => killQemus(tag ? [tag] : []);
  return Object.assign(ts, {
    async [Symbol.asyncDispose]() {
      try {
        await dispose();
      } finally {
        await killAll();
      }
    },
  });
}

/**
 * A VIF on xapi's default network (`xapi-ts0`), which the QEMU backend serves with
 * user-mode NAT: the guest gets 10.0.2.15 by DHCP there.
 */
export async function addNatVif(c: XapiClient, vm: string, device = '0'): Promise<string> {
  const nets = await c.network.get_all_records_where('field "bridge" = "xapi-ts0"');
  const network = Object.keys(nets)[0];
  if (!network) throw new Error('no xapi-ts0 network');
  return addVif(c, vm, network, device);
}

/**
 * A Tiny Linux VM with a vCPU cap of 30 and a weight of 300, and a VIF (device 1) on a
 * new network whose bridge is `bridge`: a tap on a Linux bridge where the host allows it.
 */
export async function cappedBridgedVm(
  c: XapiClient,
  name: string,
  bridge: string,
): Promise<{ vm: string; network: string }> {
  const template = (await c.VM.get_by_name_label('xapi-ts Tiny Linux'))[0] as string;
  const vm = await c.VM.clone(template, name);
  await c.VM.provision(vm);
  await c.VM.set_VCPUs_params(vm, { cap: '30', weight: '300' });
  const network = await c.network.create({ name_label: 'lab', bridge, other_config: {} } as never);
  await addVif(c, vm, network, '1');
  return { vm, network };
}

/** Polls `fn` until it returns a value other than undefined (generous: the machine may be loaded). */
export async function eventually<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  ms = 120_000,
): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * The guest's networks as its agent reports them in VM_guest_metrics, once they hold an
 * address for the first NIC: followed through event.from, first the VM's guest_metrics
 * ref, then that record.
 */
export async function guestNetworks(c: XapiClient, vm: string): Promise<Readonly<Record<string, unknown>>> {
  const rec = await untilObject(c, 'VM', vm, (s) => s['guest_metrics'] !== 'OpaqueRef:NULL', 'guest metrics');
  const gm = String(rec['guest_metrics']);
  const has = (n: unknown): n is Record<string, unknown> =>
    typeof n === 'object' && n !== null && '0/ip' in n;
  const metrics = await untilObject(
    c,
    'VM_guest_metrics',
    gm,
    (s) => has(s['networks']),
    'the guest address',
  );
  const networks = metrics['networks'];
  if (!has(networks)) throw new Error('no guest address');
  return networks;
}

/** A VM's serial console through xapi's /console handler, used as a root shell. */
export class GuestConsole {
  private text = '';
  private seq = 0;
  private readonly arrived = new Set<() => void>();

  private constructor(private readonly sock: Socket) {
    sock.setEncoding('utf8');
    sock.on('data', (d: string) => {
      this.text += d;
      for (const f of this.arrived) f();
    });
    sock.on('error', () => {});
  }

  /**
   * Resolves with `find`'s answer once it has one for the text that arrived after `from`,
   * looking again whenever more arrives (and every `nudgeMs`, after calling `nudge`).
   */
  private until<T>(
    from: number,
    find: (text: string) => T | undefined,
    ms: number,
    fail: () => string,
    nudge?: () => void,
    nudgeMs = 1000,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const finish = (v: T | Error) => {
        this.arrived.delete(check);
        clearInterval(nudger);
        clearTimeout(timer);
        if (v instanceof Error) reject(v);
        else resolve(v);
      };
      const check = () => {
        const v = find(this.text.slice(from));
        if (v !== undefined) finish(v);
      };
      const timer = setTimeout(() => finish(new Error(fail())), ms);
      const nudger = nudge ? setInterval(nudge, nudgeMs) : undefined;
      this.arrived.add(check);
      nudge?.();
      check();
    });
  }

  static async open(ts: { readonly url: string }, c: XapiClient, vm: string): Promise<GuestConsole> {
    const consoles = await c.VM.get_consoles(vm);
    let serial: string | undefined;
    for (const r of consoles) if ((await c.console.get_protocol(r)) === 'vt100') serial = r;
    if (!serial) throw new Error('the VM has no vt100 console');
    const sock = connect(Number(new URL(ts.url).port), '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      sock.once('connect', () => resolve());
      sock.once('error', reject);
    });
    const con = new GuestConsole(sock);
    sock.write(`CONNECT /console?ref=${serial}&session_id=${c.sessionRef} HTTP/1.0\r\n\r\n`);
    await con.expect(/HTTP\/1\.0 200 OK/, '', 10_000);
    return con;
  }

  get output(): string {
    return this.text;
  }

  /** Waits for `pattern` in what arrives from now on, typing `input` every second meanwhile (to wake the shell). */
  expect(pattern: RegExp, input: string, ms: number): Promise<RegExpExecArray> {
    return this.until(
      this.text.length,
      (text) => pattern.exec(text) ?? undefined,
      ms,
      () => `console never showed ${pattern}: ${JSON.stringify(this.text.slice(-400))}`,
      input ? () => this.sock.write(input) : undefined,
    );
  }

  /** Waits for the guest's shell prompt. */
  async prompt(ms = 150_000): Promise<void> {
    await this.expect(/guest# /, '\n', ms);
  }

  /**
   * Runs a shell command and resolves with its output. The markers around it are
   * computed by the shell (`$((n+1))`), so the echo of the typed line never matches them.
   */
  async sh(command: string, ms = 60_000): Promise<string> {
    const n = ++this.seq * 2;
    const from = this.text.length;
    const begin = `@@${n}@@\n`;
    const end = `@@${n + 1}@@`;
    const output = this.until(
      from,
      (text) => {
        const out = text.replace(/\r/g, '');
        const b = out.indexOf(begin);
        const e = b >= 0 ? out.indexOf(end, b) : -1;
        return e >= 0 ? out.slice(b + begin.length, e) : undefined;
      },
      ms,
      () => `no end of \`${command}\` on the console: ${JSON.stringify(this.text.slice(from).slice(-400))}`,
    );
    this.sock.write(`echo "@@${'$'}((${n}+0))@@"; ${command}; echo "@@${'$'}((${n}+1))@@"\n`);
    return output;
  }

  close(): void {
    this.sock.destroy();
  }
}
