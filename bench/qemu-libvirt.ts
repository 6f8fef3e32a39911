// The peer of bench:qemu: the same guest (kernel, initrd, memory, vCPUs, q35, TCG)
// under libvirt, driven with virsh. libvirt is installed from Debian when missing; this
// container has no systemd, so libvirtd runs as a child of the bench and is stopped at
// the end (unless one was already running, which is then left alone). A host where
// libvirt cannot run gives a reason instead of figures.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { VmConfig } from '../src/xenopsd/backends/qemu/config.js';
import { promptAfter } from './qemu-raw.js';

const URI = 'qemu:///system';
/** The bench's domain (one at a time). */
const DOMAIN = `xapi-ts-bench-${process.pid}`;
const QEMU_CONF = '/etc/libvirt/qemu.conf';
const MARK = '# xapi-ts bench:qemu';
// Out of the box libvirt re-probes QEMU on every call here (its `qemu` user cannot open
// /dev/kvm) and wants cgroups and mount namespaces this container does not give (peers.md).
const SETTINGS = `${MARK}: no systemd, no per-VM users, cgroups or namespaces in this container
user = "root"
group = "root"
namespaces = []
cgroup_controllers = []
remember_owner = 0
stdio_handler = "file"
`;

export interface Libvirt {
  /** Runs virsh; resolves with the wall-clock ms, rejects with its stderr. */
  virsh(...args: string[]): Promise<number>;
  stop(): Promise<void>;
}

const log = (line: string) => console.error(`libvirt: ${line}`);

function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

function virsh(...args: string[]): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) =>
    execFile('virsh', ['-c', URI, ...args], { timeout: 120_000 }, (err, _out, stderr) =>
      err
        ? reject(new Error(`virsh ${args.join(' ')}: ${stderr.trim() || err.message}`))
        : resolve(performance.now() - t0),
    ),
  );
}

/** Installs (when missing), configures and starts libvirtd; throws with the reason it cannot. */
export async function startLibvirt(): Promise<Libvirt> {
  if (!have('virsh') || !existsSync('/usr/sbin/libvirtd')) {
    if (process.getuid?.() !== 0) throw new Error('libvirt is not installed and installing it needs root');
    log('installing libvirt-daemon-system, libvirt-clients, libvirt-daemon-driver-qemu');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const pkgs = ['libvirt-daemon-system', 'libvirt-clients', 'libvirt-daemon-driver-qemu'];
    let r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], {
      env,
      encoding: 'utf8',
    });
    if (r.status !== 0) {
      spawnSync('apt-get', ['update'], { env });
      r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], {
        env,
        encoding: 'utf8',
      });
    }
    if (r.status !== 0) throw new Error(`apt-get install failed: ${(r.stderr ?? '').trim().slice(-300)}`);
  }
  if (existsSync(QEMU_CONF) && !readFileSync(QEMU_CONF, 'utf8').includes(MARK)) {
    log(`appending the container settings to ${QEMU_CONF}`);
    appendFileSync(QEMU_CONF, `\n${SETTINGS}`);
  }
  let child: ChildProcess | undefined;
  const running = await virsh('version').then(
    () => true,
    () => false,
  );
  if (running) log('a libvirtd is already running: using it, and leaving it running');
  else {
    let out = '';
    child = spawn('/usr/sbin/libvirtd', [], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 60_000;
    // the first start probes QEMU's capabilities (several seconds), later ones use the cache
    for (;;) {
      if (child.exitCode !== null) throw new Error(`libvirtd exited: ${out.trim().slice(-300)}`);
      if (
        await virsh('version').then(
          () => true,
          () => false,
        )
      )
        break;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`libvirtd did not answer in 60 s: ${out.trim().slice(-300)}`);
      }
      await sleep(200);
    }
  }
  const started = child;
  return {
    virsh,
    async stop() {
      // the domain too, if a failure or a signal left it behind
      await virsh('destroy', DOMAIN).catch(() => 0);
      await virsh('undefine', DOMAIN).catch(() => 0);
      if (!started || started.exitCode !== null) return;
      const exited = new Promise((r) => started.once('exit', r));
      started.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (started.exitCode === null) started.kill('SIGKILL');
    },
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&apos;');

/**
 * A libvirt domain for the guest of `config`: same kernel, initrd, command line, memory,
 * vCPUs, disks (virtio, qcow2) and display (VGA, VNC on a Unix socket).
 */
export function domainXml(
  name: string,
  config: VmConfig,
  files: { serialLog: string; vnc: string },
  qemuBinary: string,
): string {
  const boot = config.boot;
  const disks = config.disks
    .filter((d) => d.kind === 'disk' && d.path)
    .map(
      (d, i) => `<disk type='file' device='disk'><driver name='qemu' type='${d.format ?? 'raw'}'/>
      <source file='${esc(d.path ?? '')}'/><target dev='vd${String.fromCharCode(97 + i)}' bus='virtio'/></disk>`,
    )
    .join('\n    ');
  if (boot.kind !== 'direct') throw new Error('the libvirt peer boots the test guest directly');
  return `<domain type='qemu'>
  <name>${esc(name)}</name>
  <memory unit='MiB'>${config.memory.staticMax / 2 ** 20}</memory>
  <vcpu>${config.vcpus.atStartup}</vcpu>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
    <kernel>${esc(boot.kernel)}</kernel>
    ${boot.initrd ? `<initrd>${esc(boot.initrd)}</initrd>` : ''}
    ${boot.cmdline ? `<cmdline>${esc(boot.cmdline)}</cmdline>` : ''}
  </os>
  <features><acpi/></features>
  <cpu mode='custom' match='exact'><model fallback='allow'>qemu64</model></cpu>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <emulator>${esc(qemuBinary)}</emulator>
    <controller type='usb' model='none'/>
    <memballoon model='none'/>
    ${disks}
    <serial type='file'><source path='${esc(files.serialLog)}'/><target port='0'/></serial>
    <graphics type='vnc'><listen type='socket' socket='${esc(files.vnc)}'/></graphics>
    <video><model type='vga'/></video>
  </devices>
</domain>
`;
}

export interface LibvirtFigures {
  start: number[];
  prompt: number[];
  promptTimeouts: number;
  pause: number[];
  unpause: number[];
  save: number[];
  restore: number[];
  destroy: number[];
}

/** `runs` starts (to running, and to the guest's prompt) plus suspend/resume and save/restore. */
export async function libvirtRuns(
  lv: Libvirt,
  config: VmConfig,
  qemuBinary: string,
  dir: string,
  runs: number,
): Promise<LibvirtFigures> {
  const name = DOMAIN;
  const serialLog = join(dir, 'libvirt-serial.log');
  const xml = join(dir, 'libvirt-domain.xml');
  const image = join(dir, 'libvirt.save');
  writeFileSync(xml, domainXml(name, config, { serialLog, vnc: join(dir, 'libvirt-vnc.sock') }, qemuBinary));
  const f: LibvirtFigures = {
    start: [],
    prompt: [],
    promptTimeouts: 0,
    pause: [],
    unpause: [],
    save: [],
    restore: [],
    destroy: [],
  };
  await lv.virsh('define', xml);
  try {
    for (let i = 0; i < runs; i++) {
      rmSync(serialLog, { force: true });
      const t0 = performance.now();
      f.start.push(await lv.virsh('start', name));
      // a boot that hangs (see PROMPT_TIMEOUT_MS) is counted, and the run goes on
      const prompt = await promptAfter(serialLog, t0).catch(() => undefined);
      if (prompt === undefined) f.promptTimeouts++;
      else f.prompt.push(prompt);
      f.pause.push(await lv.virsh('suspend', name));
      f.unpause.push(await lv.virsh('resume', name));
      rmSync(image, { force: true });
      f.save.push(await lv.virsh('save', name, image));
      f.restore.push(await lv.virsh('restore', image));
      f.destroy.push(await lv.virsh('destroy', name));
    }
  } finally {
    await lv.virsh('destroy', name).catch(() => 0);
    await lv.virsh('undefine', name).catch(() => 0);
    rmSync(image, { force: true });
  }
  return f;
}
