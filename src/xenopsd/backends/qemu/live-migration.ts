// Live migration between two QEMUs, as QMP calls (qemu.md §6): the destination is
// started with `-incoming defer` and listens with `migrate-incoming tcp:ADDR:PORT`;
// the source sends with `migrate` at unlimited bandwidth and ends in `postmigrate`.
// Disks whose destination image differs move while the guest runs: the destination
// exports its (pre-created) images over NBD and the source mirrors into them
// (`blockdev-mirror sync=full`) until the mirror jobs are ready, then migrates the
// memory, then ends the mirrors (`block-job-cancel` on a ready job completes it
// without switching). QEMU 7.2's `block` migration capability cannot be used: it
// names disks by BlockBackend, and `-blockdev` ones have no name ("unknown block
// device"). Disks with the same image on both sides (shared storage, one host) are
// opened by the incoming QEMU inactive, without the image lock, until it takes over.
import { apiError } from '../../../datamodel/api-error.js';
import type { QmpCall } from './hotplug.js';
import { migrationEvents } from './migration.js';
import { diskNames } from './names.js';

/** Unlimited in practice: QEMU's default throttles a migration to ~130 MB/s. */
const MAX_BANDWIDTH = 10 * 1024 * 1024 * 1024;

const call = (execute: string, args: Record<string, unknown> = {}): QmpCall => ({ execute, arguments: args });

const hostPort = (host: string, port: number): string => `${host.includes(':') ? `[${host}]` : host}:${port}`;

export function tcpUri(host: string, port: number): string {
  return `tcp:${hostPort(host, port)}`;
}

/** Where a disk's contents go: the destination's NBD server and export. */
export interface NbdTarget {
  readonly host: string;
  readonly port: number;
  readonly export: string;
}

export function nbdUri(t: NbdTarget): string {
  return `nbd:${hostPort(t.host, t.port)}:exportname=${t.export}`;
}

export function parseNbdUri(uri: string): NbdTarget {
  const m = /^nbd:(?:\[([^\]]+)\]|([^:[\]]+)):(\d+):exportname=([A-Za-z0-9_.-]+)$/.exec(uri);
  const port = Number(m?.[3]);
  if (!m || !Number.isInteger(port) || port < 1 || port > 65535)
    throw apiError('INVALID_VALUE', { field: 'migration disk uri', value: uri });
  return { host: (m[1] ?? m[2]) as string, port, export: m[4] as string };
}

const exportId = (disk: string) => `migrate-${disk}`;
const targetNode = (disk: string) => `migrate-target-${disk}`;
const jobId = (disk: string) => `migrate-${disk}`;

/** Destination: serve the images of the disks that move, writable, on host:port. */
export function nbdExport(host: string, port: number, disks: readonly string[]): QmpCall[] {
  if (disks.length === 0) return [];
  return [
    call('nbd-server-start', { addr: { type: 'inet', data: { host, port: String(port) } } }),
    ...disks.map((d) =>
      call('block-export-add', {
        type: 'nbd',
        id: exportId(d),
        'node-name': diskNames(d).format,
        name: d,
        writable: true,
      }),
    ),
  ];
}

/** Destination, once the stream is in: stop serving the images before the guest runs. */
export function nbdStop(disks: readonly string[]): QmpCall[] {
  if (disks.length === 0) return [];
  return [...disks.map((d) => call('block-export-del', { id: exportId(d) })), call('nbd-server-stop')];
}

/** Destination: wait for the memory stream. */
export function incoming(uri: string): QmpCall[] {
  return [migrationEvents, call('migrate-incoming', { uri })];
}

/** Source: copy each moving disk into the destination's export while the guest runs. */
export function mirrorStart(
  disks: readonly { readonly name: string; readonly target: NbdTarget }[],
): QmpCall[] {
  return disks.flatMap(({ name, target }) => [
    call('blockdev-add', {
      driver: 'nbd',
      'node-name': targetNode(name),
      server: { type: 'inet', host: target.host, port: String(target.port) },
      export: target.export,
    }),
    call('blockdev-mirror', {
      'job-id': jobId(name),
      device: diskNames(name).node,
      target: targetNode(name),
      sync: 'full',
    }),
  ]);
}

/** Source: end the mirrors (a ready job completes; a running one is abandoned), in two steps. */
export function mirrorEnd(disks: readonly string[]): { cancel: QmpCall[]; cleanup: QmpCall[] } {
  return {
    cancel: disks.map((d) => call('block-job-cancel', { device: jobId(d) })),
    cleanup: disks.map((d) => call('blockdev-del', { 'node-name': targetNode(d) })),
  };
}

export const mirrorJobIds = (disks: readonly string[]): string[] => disks.map(jobId);

/** Source: send the memory and device state, live. */
export function send(uri: string): QmpCall[] {
  return [
    migrationEvents,
    call('migrate-set-parameters', { 'max-bandwidth': MAX_BANDWIDTH }),
    call('migrate', { uri }),
  ];
}

export const cancel: QmpCall = call('migrate_cancel');
