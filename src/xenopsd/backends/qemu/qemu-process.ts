// Starting one QEMU process from a built command line and watching it exit (the run
// directory must exist; the process is not detached, so its owner must stop it), and
// finding the running QEMUs that belong to a xenopsd instance.
import { spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { instanceOf } from './argv.js';
import type { QemuCommand } from './config.js';

export interface QemuExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface QemuProcess {
  readonly pid: number;
  readonly exited: Promise<QemuExit>;
  /** The last 64 KiB QEMU wrote to stderr. */
  stderr(): string;
  /** SIGKILL unless it has exited; resolves once it has. */
  kill(): Promise<QemuExit>;
}

const STDERR_KEEP = 64 * 1024;

export function spawnQemu(cmd: QemuCommand): QemuProcess {
  const child = spawn(cmd.binary, cmd.argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    err = (err + d).slice(-STDERR_KEEP);
  });
  let exit: QemuExit | undefined;
  const exited = new Promise<QemuExit>((resolve) => {
    child.on('error', (e) => {
      err += `\nspawn ${cmd.binary}: ${e.message}`;
      resolve((exit = { code: null, signal: null }));
    });
    child.on('exit', (code, signal) => resolve((exit = { code, signal })));
  });
  return {
    pid: child.pid ?? -1,
    exited,
    stderr: () => err,
    kill: () => {
      if (exit === undefined && child.pid !== undefined) child.kill('SIGKILL');
      return exited;
    },
  };
}

export interface OwnQemu {
  readonly pid: number;
  readonly uuid: string;
}

/**
 * The running QEMU processes started for the xenopsd instance `tag` (found by the
 * `-name ...,process=xenopsd:<tag>` the argv builder writes), e.g. to adopt them again
 * after a daemon restart. Other processes, including other instances' QEMUs, are ignored.
 */
export async function findOwnQemus(tag: string, proc = '/proc'): Promise<OwnQemu[]> {
  const out: OwnQemu[] = [];
  for (const entry of await readdir(proc)) {
    if (!/^[0-9]+$/.test(entry)) continue;
    const cmdline = await readFile(`${proc}/${entry}/cmdline`).catch(() => undefined);
    if (cmdline === undefined || cmdline.length === 0) continue;
    const argv = cmdline.toString('utf8').replace(/\0$/, '').split('\0');
    const found = instanceOf(argv.slice(1));
    if (found?.tag === tag) out.push({ pid: Number(entry), uuid: found.uuid });
  }
  return out.sort((a, b) => a.pid - b.pid);
}

/**
 * The QEMUs of ours started for a managed VM that the VM's domain record does not account
 * for (it names another pid, or none): one was being started when xenopsd died, before
 * its pid was written. The restarted xenopsd redoes that start, so such a QEMU must go (it
 * would hold the VM's disks and memory). QEMUs of unmanaged or unknown VMs are not ours to end.
 */
export function orphans(
  own: readonly OwnQemu[],
  records: readonly { readonly vm: string; readonly qemuUuid: string; readonly pid?: number | undefined }[],
  isManaged: (vm: string) => boolean,
): OwnQemu[] {
  return own.filter((o) => {
    const d = records.find((r) => r.qemuUuid === o.uuid);
    return d !== undefined && d.pid !== o.pid && isManaged(d.vm);
  });
}
