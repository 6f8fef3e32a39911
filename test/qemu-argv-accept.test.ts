// Every golden command line that builds (test/golden/qemu-argv/*.args) is accepted by
// the real QEMU: each case's config is pointed at scratch files (disk images, NVRAM,
// the test guest's kernel), started paused (-S), checked over QMP and quit.
// Tap NICs become user-mode ones and KVM becomes TCG, so the test needs no root or KVM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { buildArgv } from '../src/xenopsd/backends/qemu/argv.js';
import type { BootConfig, HostCaps, VmConfig } from '../src/xenopsd/backends/qemu/config.js';
import { ensureGuestImage } from '../src/xenopsd/backends/qemu/guest-image/build.js';
import { findOvmf } from '../src/xenopsd/backends/qemu/host.js';
import { QmpClient } from '../src/xenopsd/backends/qemu/qmp.js';
import { spawnQemu } from '../src/xenopsd/backends/qemu/qemu-process.js';
import { qemuBinary } from '../src/xenopsd/backends/qemu/testing.js';
import { skipWithout } from './support/qemu.js';

const dir = new URL('golden/qemu-argv/', import.meta.url).pathname;
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.args'))
  .map((f) => f.slice(0, -'.args'.length))
  .sort();

test(
  'QEMU accepts every golden command line',
  { skip: skipWithout('qemu-system-x86_64', 'qemu-img'), timeout: 120_000 },
  async (t) => {
    const image = await ensureGuestImage({ log: (l) => t.diagnostic(l) });
    const ovmf = findOvmf();
    for (const name of cases) {
      const fixture = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as {
        config: VmConfig;
        host: HostCaps;
      };
      const scratch = mkdtempSync('/tmp/argv-accept-');
      try {
        const file = (p: string, create: (p: string) => void) => {
          const q = join(scratch, p.replace(/[^A-Za-z0-9.]/g, '_'));
          if (!existsSync(q)) create(q);
          return q;
        };
        const c = fixture.config;
        let boot: BootConfig = c.boot;
        if (boot.kind === 'direct') {
          boot = { ...boot, kernel: image.vmlinux, ...(boot.initrd ? { initrd: image.initrd } : {}) };
        } else if (boot.kind === 'uefi') {
          if (!ovmf) {
            t.diagnostic(`${name}: skipped, OVMF is not installed (Debian package ovmf)`);
            continue;
          }
          boot = {
            ...boot,
            varsPath: file(boot.varsPath, (q) => copyFileSync(ovmf.ovmfVarsTemplate, q)),
            ...(boot.kernel ? { kernel: image.vmlinuz } : {}),
            ...(boot.initrd ? { initrd: image.initrd } : {}),
          };
        }
        const config: VmConfig = {
          ...c,
          boot,
          runDir: join(scratch, 'run'),
          disks: c.disks.map((d) =>
            d.path === undefined
              ? d
              : {
                  ...d,
                  path: file(d.path, (q) =>
                    d.format === 'qcow2'
                      ? execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', q, '16M'])
                      : writeFileSync(q, Buffer.alloc(1 << 20)),
                  ),
                },
          ),
          nics: c.nics.map((n) =>
            n.backend.kind === 'bridge' ? { ...n, backend: { kind: 'user' as const } } : n,
          ),
        };
        execFileSync('mkdir', ['-p', config.runDir]);
        const host: HostCaps = {
          ...fixture.host,
          accel: 'tcg',
          vhostNet: false,
          qemuBinary: qemuBinary as string,
          ...(ovmf ?? {}),
        };
        const cmd = buildArgv(config, host);
        const proc = spawnQemu({ ...cmd, argv: [...cmd.argv, '-S'] });
        try {
          const qmp = await Promise.race([
            QmpClient.connect(cmd.paths.qmp, { timeoutMs: 20_000 }),
            proc.exited.then(() => {
              throw new Error(`${name}: QEMU refused the command line: ${proc.stderr().trim()}`);
            }),
          ]);
          const want = config.incoming ? 'inmigrate' : 'prelaunch';
          assert.equal((await qmp.execute<{ status: string }>('query-status')).status, want, name);
          await qmp.execute('quit');
          await qmp.close();
          assert.deepEqual(await proc.exited, { code: 0, signal: null }, name);
        } finally {
          await proc.kill();
        }
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    }
  },
);
