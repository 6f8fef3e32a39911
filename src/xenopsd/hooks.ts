// VM lifecycle hooks: the executables in <hooks-dir>/<hook>/, run in name
// order with `-vmuuid <uuid> -reason <reason>`. Exit 0 is success, 1 is logged
// and ignored, anything else aborts the operation with XENOPS_HOOK_FAILED.
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { apiError } from '../datamodel/api-error.js';
import type { HookName, HookReason } from './plan.js';

export type HookRunner = (
  hook: HookName,
  vm: string,
  reason: HookReason,
  signal: AbortSignal,
) => Promise<void>;

export const noHooks: HookRunner = async () => undefined;

export function hooksFrom(dir: string): HookRunner {
  return async (hook, vm, reason, signal) => {
    let scripts: string[];
    try {
      scripts = (await readdir(join(dir, hook))).sort();
    } catch {
      return;
    }
    for (const name of scripts) {
      const script = join(dir, hook, name);
      const r = await new Promise<{ code: number; stdout: string }>((resolve) => {
        execFile(script, ['-vmuuid', vm, '-reason', reason], { signal, timeout: 120_000 }, (err, stdout) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 255) : 0;
          resolve({ code, stdout: String(stdout) });
        });
      });
      if (r.code !== 0 && r.code !== 1) {
        throw apiError('XENOPS_HOOK_FAILED', { script, reason, stdout: r.stdout, exit_code: r.code });
      }
    }
  };
}
