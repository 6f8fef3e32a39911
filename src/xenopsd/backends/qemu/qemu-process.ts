// Starting one QEMU process from a built command line and watching it exit. The
// run directory must exist; the process is not detached, so its owner must stop it.
import { spawn } from 'node:child_process';
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
