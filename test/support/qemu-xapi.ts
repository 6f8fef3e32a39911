// Support for the end-to-end tests of real VMs through the XenAPI: a toolstack whose
// xenopsd runs the QEMU backend with the test guest as the built-in "Tiny Linux"
// files, a client of xapi's /console handler that runs shell commands in the guest,
// and a teardown that kills every QEMU of the run, also when a test fails.
import { connect, type Socket } from 'node:net';
import { createHash } from 'node:crypto';
import { createQemuBackend } from '../../src/xenopsd/backends/qemu/backend.js';
import { findOwnQemus } from '../../src/xenopsd/backends/qemu/qemu-process.js';
import { ensureGuestImage, type GuestImage } from '../../src/xenopsd/backends/qemu/guest-image/build.js';
import { qemuBinary } from '../../src/xenopsd/backends/qemu/testing.js';
import type { BackendInitContext } from '../../src/xenopsd/backends/api.js';
import type { XapiClient } from '../../src/client/generated.js';
import { startToolstack, type Toolstack } from './toolstack.js';
import type { XapiOptions } from '../../src/xapi/server.js';

export const guestImage: GuestImage | undefined = qemuBinary
  ? await ensureGuestImage().catch(() => undefined)
  : undefined;

/** For `test(..., { skip })`. */
export const skipWithoutGuest: string | false = !qemuBinary
  ? 'qemu-system-x86_64 is not installed'
  : !guestImage
    ? 'the guest image cannot be built'
    : false;

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
      tag = `${ctx.instance}.${createHash('sha1').update(ctx.hostDir).digest('hex').slice(0, 8)}`;
      await init(ctx);
    },
  });
  const ts = await startToolstack({ backend, cleanShutdownTimeoutS: 60, ...opts });
  const dispose = ts[Symbol.asyncDispose].bind(ts);
  const killAll = async () => {
    for (const q of tag ? await findOwnQemus(tag) : []) {
      try {
        process.kill(q.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
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

/** A VIF of `vm` on `network` at `device`, with a generated MAC. */
export function addVif(c: XapiClient, vm: string, network: string, device: string): Promise<string> {
  return c.VIF.create({
    device,
    network,
    VM: vm,
    MAC: '',
    MTU: 1500,
    other_config: {},
    qos_algorithm_type: '',
    qos_algorithm_params: {},
  } as never);
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

/** A VM's serial console through xapi's /console handler, used as a root shell. */
export class GuestConsole {
  private text = '';
  private seq = 0;

  private constructor(private readonly sock: Socket) {
    sock.setEncoding('utf8');
    sock.on('data', (d: string) => (this.text += d));
    sock.on('error', () => {});
  }

  static async open(ts: Toolstack, c: XapiClient, vm: string): Promise<GuestConsole> {
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

  /** Waits for `pattern` in what arrives from now on, typing `input` every second meanwhile. */
  async expect(pattern: RegExp, input: string, ms: number): Promise<RegExpExecArray> {
    const from = this.text.length;
    const t0 = Date.now();
    for (;;) {
      const m = pattern.exec(this.text.slice(from));
      if (m) return m;
      if (Date.now() - t0 > ms)
        throw new Error(`console never showed ${pattern}: ${JSON.stringify(this.text.slice(-400))}`);
      if (input) this.sock.write(input);
      await new Promise((r) => setTimeout(r, 1000));
    }
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
    this.sock.write(`echo "@@${'$'}((${n}+0))@@"; ${command}; echo "@@${'$'}((${n}+1))@@"\n`);
    const begin = `@@${n}@@\n`;
    const end = `@@${n + 1}@@`;
    const t0 = Date.now();
    for (;;) {
      const out = this.text.slice(from).replace(/\r/g, '');
      const b = out.indexOf(begin);
      const e = b >= 0 ? out.indexOf(end, b) : -1;
      if (e >= 0) return out.slice(b + begin.length, e);
      if (Date.now() - t0 > ms)
        throw new Error(`no end of \`${command}\` on the console: ${JSON.stringify(out.slice(-400))}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  close(): void {
    this.sock.destroy();
  }
}
