// qemu-img, the tool behind `file` SRs: argv builders and output parsers
// (pure, tested on their own) and one runner that reports `-p` progress,
// kills the child when the operation is aborted and turns failures into
// SR_BACKEND_FAILURE [status, stdout, stderr].
import { spawn, spawnSync } from 'node:child_process';
import { apiError } from '../datamodel/api-error.js';

export type QemuFormat = 'qcow2' | 'raw';

export interface Backing {
  /** File name relative to the overlay's directory (qemu resolves it from there). */
  readonly file: string;
  readonly format: QemuFormat;
}

export function createArgs(
  path: string,
  format: QemuFormat,
  size: number,
  opts: { backing?: Backing; preallocate?: boolean; backingMayBeAbsent?: boolean } = {},
): string[] {
  const o: string[] = [];
  if (opts.preallocate) o.push('-o', 'preallocation=falloc');
  // `-u`: the backing file need not exist yet (it is renamed into place after).
  const u = opts.backing && opts.backingMayBeAbsent ? ['-u'] : [];
  const b = opts.backing ? [...u, '-b', opts.backing.file, '-F', opts.backing.format] : [];
  return ['create', '-q', '-f', format, ...b, ...o, path, String(size)];
}

export function resizeArgs(path: string, format: QemuFormat, size: number): string[] {
  return ['resize', '-q', '-f', format, path, String(size)];
}

/** `-U` reads images that a running QEMU holds locked. */
export function infoArgs(path: string): string[] {
  return ['info', '--output=json', '-U', path];
}

export function measureArgs(path: string, format: QemuFormat): string[] {
  return ['measure', '--output=json', '-U', '-f', format, '-O', 'qcow2', path];
}

/**
 * Copy (flattening any backing chain). With `existing` the target is not
 * created but written into (`-n`), keeping its size and format.
 */
export function convertArgs(
  src: { path: string; format: QemuFormat },
  dst: { path: string; format: QemuFormat },
  opts: { existing?: boolean; rateLimit?: number } = {},
): string[] {
  return [
    'convert',
    '-p',
    '-f',
    src.format,
    '-O',
    dst.format,
    ...(opts.existing ? ['-n'] : []),
    ...(opts.rateLimit ? ['-r', String(Math.max(1, Math.floor(opts.rateLimit)))] : []),
    src.path,
    dst.path,
  ];
}

export interface ImageInfo {
  readonly virtualSize: number;
  readonly actualSize: number;
  readonly format: string;
  /** The backing file as recorded in the image (relative names stay relative). */
  readonly backingFile: string | undefined;
}

export function parseInfo(json: string): ImageInfo {
  const o = JSON.parse(json) as Record<string, unknown>;
  const num = (k: string): number => (typeof o[k] === 'number' ? (o[k] as number) : 0);
  const backing = o['backing-filename'];
  return {
    virtualSize: num('virtual-size'),
    actualSize: num('actual-size'),
    format: typeof o['format'] === 'string' ? o['format'] : '',
    backingFile: typeof backing === 'string' ? backing : undefined,
  };
}

/** `qemu-img measure`: bytes a flattened qcow2 copy needs. */
export function parseMeasure(json: string): number {
  const o = JSON.parse(json) as Record<string, unknown>;
  return typeof o['required'] === 'number' ? o['required'] : 0;
}

/**
 * Progress figures in `-p` output: `    (12.50/100%)\r`. Returns the fractions
 * found in `chunk` and what is left over for the next chunk.
 */
export function parseProgress(pending: string, chunk: string): { fractions: number[]; rest: string } {
  const text = pending + chunk;
  const parts = text.split(/[\r\n]/);
  const rest = parts.pop() ?? '';
  const fractions: number[] = [];
  for (const p of parts) {
    const m = /\((\d+(?:\.\d+)?)\/100%\)/.exec(p);
    if (m) fractions.push(Math.min(1, Number(m[1]) / 100));
  }
  return { fractions, rest };
}

let available: boolean | undefined;

/** Whether qemu-img can be run here. */
export function haveQemuImg(): boolean {
  if (available === undefined) {
    available = spawnSync('qemu-img', ['--version'], { stdio: 'ignore' }).status === 0;
  }
  return available;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly progress?: (fraction: number) => void;
}

const MAX_OUTPUT = 64 * 1024;

export function runQemuImg(args: readonly string[], opts: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(opts.signal.reason);
      return;
    }
    const child = spawn('qemu-img', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    const onAbort = (): void => {
      child.kill('SIGTERM');
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += d;
      if (opts.progress) {
        const r = parseProgress(pending, d);
        pending = r.rest;
        for (const f of r.fractions) opts.progress(f);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += d;
    });
    child.on('error', (e) => {
      opts.signal?.removeEventListener('abort', onAbort);
      reject(apiError('SR_BACKEND_FAILURE', { status: 'ENOEXEC', stdout: '', stderr: e.message }));
    });
    child.on('close', (code, sig) => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (opts.signal?.aborted) reject(opts.signal.reason);
      else if (code === 0) resolve(stdout);
      else {
        reject(
          apiError('SR_BACKEND_FAILURE', {
            status: code === null ? String(sig) : String(code),
            stdout: stdout.trim(),
            stderr: stderr.trim(),
          }),
        );
      }
    });
  });
}
