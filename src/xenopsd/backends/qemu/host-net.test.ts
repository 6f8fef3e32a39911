// The host side of bridged VIFs, for real (needs CAP_NET_ADMIN; skips otherwise):
// only recorded interfaces are ever deleted, each instance sweeps only its own taps,
// and a bridge goes with its last tap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostNetwork, bridgePorts, interfaceExists, probeBridging } from './host-net.js';
import { bridgeName, hostTagOf, ownsName, tapName } from './net-plan.js';

const noBridging = await probeBridging('fffe');

test(
  'taps and bridges: made, recorded, swept per instance, never touched unrecorded',
  { skip: noBridging ?? false },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'host-net-'));
    const tag = hostTagOf(dir);
    const a = new HostNetwork(dir, tag, 'a');
    const b = new HostNetwork(dir, tag, 'b');
    const br = bridgeName(tag, 'lab');
    const [tapA, tapB, foreign] = [tapName(tag, 1, 0), tapName(tag, 2, 0), tapName(tag, 3, 0)];
    try {
      await a.addTap(tapA, br, 'vm-a', 1500, true);
      await b.addTap(tapB, br, 'vm-b', 1500, true);
      assert.deepEqual(bridgePorts(br).sort(), [tapA, tapB].sort());

      // a restarted "a" using no tap: only its own tap goes; the bridge stays for b's
      await a.sweep(new Set());
      assert.ok(!interfaceExists(tapA));
      assert.ok(interfaceExists(tapB) && interfaceExists(br));
      // a does not remove b's tap
      await a.removeTap(tapB);
      assert.ok(interfaceExists(tapB));
      await b.removeTap(tapB);
      assert.ok(!interfaceExists(tapB) && !interfaceExists(br), 'the bridge went with its last tap');

      // an interface with one of our names that xenopsd did not record is left alone
      execFileSync('ip', ['tuntap', 'add', 'dev', foreign, 'mode', 'tap']);
      await assert.rejects(a.addTap(foreign, br, 'vm-a', 1500, true), { code: 'INTERNAL_ERROR' });
      await a.removeTap(foreign);
      await a.sweep(new Set());
      assert.ok(interfaceExists(foreign));
      assert.ok(!interfaceExists(br), 'the bridge made for the refused tap is not left behind');
      execFileSync('ip', ['link', 'add', 'name', br, 'type', 'bridge']);
      await assert.rejects(a.addTap(tapA, br, 'vm-a', 1500, true), { code: 'INTERNAL_ERROR' });
      assert.ok(!interfaceExists(tapA));
      await a.sweep(new Set());
      assert.ok(interfaceExists(br), 'an unrecorded bridge is never deleted');

      // names outside this host tag are refused outright
      await assert.rejects(a.addTap('eth0', br, 'vm-a', 1500, true), { code: 'INTERNAL_ERROR' });
      assert.deepEqual(readdirSync(join(dir, 'qemu-net', 'taps')), []);
    } finally {
      for (const n of readdirSync('/sys/class/net').filter((x) => ownsName(tag, x)))
        execFileSync('ip', ['link', 'del', 'dev', n], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
      assert.ok(!existsSync(join('/sys/class/net', br)));
    }
  },
);
