// The QEMU command line for a VM, as a pure function of its config and the host's
// capabilities (the line recommended by qemu.md: q35, -nodefaults, QMP on a Unix
// socket, -action so the daemon decides on guest power transitions). Invalid or
// unsupported configs raise XenAPI errors naming the offending field.
import { apiError } from '../../../datamodel/api-error.js';
import type { DiskConfig, HostCaps, NicConfig, QemuCommand, RunPaths, VmConfig } from './config.js';
import { bootIndexes, checkConfig } from './argv-check.js';
import { diskNames, nicNames, portLayout, throttleLimits } from './names.js';
import { opts, optValue } from './qemu-opts.js';
import { smbiosArgs } from './smbios.js';

const MiB = 1024 * 1024;
const INSTANCE_PREFIX = 'xenopsd:';

export function runPaths(config: VmConfig): RunPaths {
  const p = (f: string) => `${config.runDir.replace(/\/+$/, '')}/${f}`;
  return {
    qmp: p('qmp.sock'),
    pidfile: p('qemu.pid'),
    ...(config.consoles.serial ? { serial: p('serial.sock'), serialLog: p('serial.log') } : {}),
    ...((config.platform?.controlChannel ?? true) ? { control: p('control.sock') } : {}),
    ...(config.consoles.vnc?.listen === 'unix' ? { vnc: p('vnc.sock') } : {}),
  };
}

/** The instance tag and VM uuid of a QEMU command line this builder produced, else undefined. */
export function instanceOf(argv: readonly string[]): { tag: string; uuid: string } | undefined {
  const name = argv[argv.indexOf('-name') + 1];
  const uuid = argv[argv.indexOf('-uuid') + 1];
  if (!argv.includes('-name') || !argv.includes('-uuid') || name === undefined || uuid === undefined)
    return undefined;
  // Doubled commas are escaped ones inside the VM name: hide them before splitting.
  const fields = name.replace(/,,/g, '\0').split(',');
  const tag = fields
    .find((f) => f.startsWith(`process=${INSTANCE_PREFIX}`))
    ?.slice(`process=${INSTANCE_PREFIX}`.length);
  return tag !== undefined && /^[A-Za-z0-9_.-]+$/.test(tag) ? { tag, uuid } : undefined;
}

/** Throttle-group limits as -object properties (the x- spelling; zero means none). */
function throttleProps(d: DiskConfig): Record<string, number> {
  return Object.fromEntries(Object.entries(throttleLimits(d.qos)).map(([k, v]) => [`x-${k}`, v]));
}

/**
 * -blockdev chain for an image: file -> format (node `drive-<id>`), then for disks a
 * throttle node over a per-disk throttle group, so I/O limits can change at run time
 * with qom-set on `throttle-<id>` (qemu.md §10).
 */
function blockdevArgs(d: DiskConfig & { path: string }): string[] {
  const ro = d.mode === 'RO';
  const n = diskNames(d.id);
  const throttled = d.kind === 'disk';
  const format = throttled ? n.format : n.node;
  const args = [
    '-blockdev',
    opts('driver=file', {
      'node-name': n.file,
      filename: d.path,
      'read-only': ro,
      'auto-read-only': ro ? undefined : false,
      discard: ro ? undefined : 'unmap',
    }),
    '-blockdev',
    opts(`driver=${d.format ?? 'raw'}`, { 'node-name': format, file: n.file, 'read-only': ro }),
  ];
  if (!throttled) return args;
  return [
    '-object',
    opts('throttle-group', { id: n.throttle, ...throttleProps(d) }),
    ...args,
    '-blockdev',
    opts('driver=throttle', {
      'node-name': n.node,
      'throttle-group': n.throttle,
      file: format,
      'read-only': ro,
    }),
  ];
}

function nicArgs(n: NicConfig, port: string, bootindex: number | undefined, caps: HostCaps): string[] {
  const { netdev, device } = nicNames(n.devid);
  const backend =
    n.backend.kind === 'bridge'
      ? opts('tap', {
          id: netdev,
          ifname: n.backend.tap,
          script: 'no',
          downscript: 'no',
          vhost: caps.accel === 'kvm' && caps.vhostNet ? true : undefined,
        })
      : opts('user', { id: netdev, restrict: n.backend.restrict ?? true });
  return [
    '-netdev',
    backend,
    '-device',
    opts('virtio-net-pci', {
      id: device,
      netdev,
      mac: n.mac.toLowerCase(),
      host_mtu: n.mtu,
      bus: port,
      bootindex,
    }),
  ];
}

export function buildArgv(config: VmConfig, caps: HostCaps): QemuCommand {
  checkConfig(config, caps);
  const paths = runPaths(config);
  const platform = config.platform ?? {};
  const actions = config.actions ?? {};
  const boot = config.boot;
  const a: string[] = [];
  const push = (...xs: string[]) => a.push(...xs);

  push(
    '-name',
    opts(`guest=${optValue(config.name)}`, {
      process: `${INSTANCE_PREFIX}${caps.instanceTag}`,
      'debug-threads': true,
    }),
  );
  push('-uuid', config.uuid);
  push('-no-user-config', '-nodefaults', '-display', 'none');
  const machine: Record<string, string | number | boolean | undefined> = {};
  if (boot.kind === 'uefi') Object.assign(machine, { pflash0: 'ovmf-code', pflash1: 'ovmf-vars' });
  push('-machine', opts('q35', machine));
  push('-accel', caps.accel === 'tcg' ? opts('tcg', { 'tb-size': caps.tcgTbSizeMiB ?? 64 }) : 'kvm');
  push('-cpu', caps.cpuModel ?? (caps.accel === 'kvm' ? 'host' : 'qemu64'));
  push('-m', `${config.memory.staticMax / MiB}M`);
  const { max, atStartup } = config.vcpus;
  push('-smp', opts(`cpus=${atStartup}`, { maxcpus: max, sockets: 1, cores: max, threads: 1 }));
  push('-rtc', 'base=utc');

  if (boot.kind === 'uefi') {
    push(
      '-blockdev',
      opts('driver=file', { 'node-name': 'ovmf-code', filename: caps.ovmfCode, 'read-only': true }),
    );
    push(
      '-blockdev',
      opts('driver=file', { 'node-name': 'ovmf-vars', filename: boot.varsPath, 'read-only': false }),
    );
  }
  const kernel = boot.kind === 'bios' ? undefined : boot.kernel;
  if (kernel !== undefined && boot.kind !== 'bios') {
    push('-kernel', kernel);
    if (boot.initrd !== undefined) push('-initrd', boot.initrd);
    if (boot.cmdline !== undefined) push('-append', boot.cmdline);
  }

  push('-chardev', opts('socket', { id: 'qmp', path: paths.qmp, server: true, wait: false }));
  push('-mon', 'chardev=qmp,mode=control');
  push('-pidfile', paths.pidfile);
  push(
    '-action',
    opts(`reboot=${actions.onReboot ?? 'shutdown'}`, {
      shutdown: actions.onShutdown ?? 'pause',
      panic: actions.onPanic ?? 'pause',
    }),
  );

  if (paths.serial !== undefined) {
    push(
      '-chardev',
      opts('socket', {
        id: 'serial0',
        path: paths.serial,
        server: true,
        wait: false,
        logfile: paths.serialLog,
      }),
    );
    push('-serial', 'chardev:serial0');
  }
  const vnc = config.consoles.vnc;
  if (vnc !== undefined) {
    push('-device', 'VGA,id=video0');
    push('-vnc', vnc.listen === 'unix' ? `unix:${optValue(paths.vnc ?? '')}` : `127.0.0.1:${vnc.display}`);
  }

  const bootIndex = bootIndexes(config);
  const ports = portLayout(config);
  const allPorts = [...ports.used.values(), ...ports.spare];
  allPorts.forEach((id, i) =>
    push('-device', opts('pcie-root-port', { id, bus: 'pcie.0', chassis: i + 1, slot: i + 1 })),
  );
  let ide = 0;
  for (const d of config.disks) {
    const n = diskNames(d.id);
    if (d.path !== undefined) push(...blockdevArgs({ ...d, path: d.path }));
    push(
      '-device',
      d.kind === 'cdrom'
        ? opts('ide-cd', {
            id: n.device,
            bus: `ide.${ide++}`,
            drive: d.path !== undefined ? n.node : undefined,
            serial: d.serial,
            bootindex: bootIndex.get(d),
          })
        : opts('virtio-blk-pci', {
            id: n.device,
            drive: n.node,
            bus: ports.used.get(d.id),
            serial: d.serial,
            bootindex: bootIndex.get(d),
          }),
    );
  }
  for (const nic of config.nics) {
    push(...nicArgs(nic, ports.used.get(nicNames(nic.devid).device) as string, bootIndex.get(nic), caps));
  }

  if (paths.control !== undefined) {
    push('-device', 'virtio-serial-pci,id=vserial0');
    push('-chardev', opts('socket', { id: 'control', path: paths.control, server: true, wait: false }));
    push('-device', 'virtserialport,bus=vserial0.0,chardev=control,name=org.xen.ctl');
  }
  if (platform.pvpanic ?? true) push('-device', 'pvpanic');
  if (platform.balloon ?? true) push('-device', 'virtio-balloon-pci,id=balloon0,free-page-reporting=on');
  push(...smbiosArgs(config));
  if (kernel === undefined) push('-boot', 'menu=off,strict=on');
  if (config.startPaused) push('-S');
  if (config.incoming) push('-incoming', 'defer');

  if (a.some((x) => x.includes('\0') || x.includes('\n'))) {
    throw apiError('INVALID_VALUE', { field: 'config', value: 'a value contains a NUL or newline' });
  }
  return { binary: caps.qemuBinary, argv: a, paths };
}
