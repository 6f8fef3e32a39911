// What a test file needs of QEMU, decided in one place. Where a tool is missing
// the file's tests are skipped with a reason that names it, except in a run that
// expects QEMU (CI=true, or XAPI_TS_EXPECT_QEMU=1; XAPI_TS_EXPECT_QEMU=0 opts out):
// there the file gets a failing test that names what is missing, so CI cannot pass
// by skipping everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createHash } from 'node:crypto';
import { ensureGuestImage, type GuestImage } from '../../src/xenopsd/backends/qemu/guest-image/build.js';
import { findOwnQemus } from '../../src/xenopsd/backends/qemu/qemu-process.js';

export type QemuTool = 'qemu-system-x86_64' | 'qemu-img' | 'qemu-io';

const PACKAGE: Record<QemuTool, string> = {
  'qemu-system-x86_64': 'qemu-system-x86',
  'qemu-img': 'qemu-utils',
  'qemu-io': 'qemu-utils',
};

/** Why this run must have QEMU, or undefined if it may skip. */
export const qemuExpectedBecause: string | undefined =
  process.env['XAPI_TS_EXPECT_QEMU'] === '0'
    ? undefined
    : process.env['XAPI_TS_EXPECT_QEMU'] === '1'
      ? 'XAPI_TS_EXPECT_QEMU=1'
      : process.env['CI'] === 'true'
        ? 'CI=true'
        : undefined;

function onPath(name: string): boolean {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

const reported = new Set<string>();

/** A requirement this file cannot meet: the skip reason, and a failing test where QEMU is expected. */
function unmet(reason: string): string {
  const because = qemuExpectedBecause;
  if (because !== undefined && !reported.has(reason)) {
    reported.add(reason);
    test(`QEMU is expected here (${because}), but ${reason}`, () => {
      assert.fail(`${reason}; the tests of this file that need it were skipped`);
    });
  }
  return reason;
}

/** For `test(..., { skip })`: why the file's tests cannot run without `tools`, or false. */
export function skipWithout(...tools: QemuTool[]): string | false {
  const missing = tools.filter((t) => !onPath(t));
  if (missing.length === 0) return false;
  const packages = [...new Set(missing.map((t) => PACKAGE[t]))].join(', ');
  const verb = missing.length > 1 ? 'are' : 'is';
  return unmet(`${missing.join(' and ')} ${verb} not installed (Debian package ${packages})`);
}

/**
 * The test guest (Tiny Linux) image, built or taken from the cache, and the skip for
 * the tests that boot it: QEMU missing, or the image that cannot be built (with why).
 */
export async function needGuestImage(): Promise<{ image: GuestImage | undefined; skip: string | false }> {
  const noQemu = skipWithout('qemu-system-x86_64');
  if (noQemu) return { image: undefined, skip: noQemu };
  try {
    return { image: await ensureGuestImage(), skip: false };
  } catch (e) {
    return { image: undefined, skip: unmet(`the test guest image cannot be built: ${(e as Error).message}`) };
  }
}

/**
 * The tag the QEMU backend gives the QEMUs of an instance (as it computes it: the
 * instance name made safe, and a hash of the host directory).
 */
export function instanceTagOf(instance: string, hostDir: string): string {
  const safe = instance.replace(/[^A-Za-z0-9_.-]/g, '_');
  return `${safe}.${createHash('sha1').update(hostDir).digest('hex').slice(0, 8)}`;
}

/** SIGKILL every QEMU carrying one of `tags`: what a test leaves behind when it fails. */
export async function killQemus(tags: Iterable<string>): Promise<void> {
  for (const tag of tags) {
    for (const q of await findOwnQemus(tag)) {
      try {
        process.kill(q.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
