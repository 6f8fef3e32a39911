import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyGuestText,
  carriedGuestIps,
  guestAgentKeys,
  LogFollower,
  parseGuestLine,
} from './guest-agent.js';

test('console lines: leases with and without a MAC, lost leases, and noise', () => {
  assert.deepEqual(parseGuestLine('GUEST-IP eth0 10.0.2.15/24 52:54:00:AB:cd:01\r'), {
    iface: 'eth0',
    ip: { addr: '10.0.2.15', prefix: 24, mac: '52:54:00:ab:cd:01' },
  });
  assert.deepEqual(parseGuestLine('GUEST-IP eth1 192.168.1.9/16'), {
    iface: 'eth1',
    ip: { addr: '192.168.1.9', prefix: 16 },
  });
  assert.deepEqual(parseGuestLine('GUEST-IP eth0 none 52:54:00:00:00:01'), {
    iface: 'eth0',
    ip: { mac: '52:54:00:00:00:01' },
  });
  // a report after other output on the same line (a prompt) still counts
  assert.equal(parseGuestLine('guest# GUEST-IP eth0 10.0.2.15/24')?.ip.addr, '10.0.2.15');
  for (const bad of [
    'GUEST-IP',
    'GUEST-IP eth0',
    'GUEST-IP eth0 10.0.2.300/24',
    'GUEST-IP eth0 10.0.2.15/33',
    'GUEST-IP eth0 10.0.2.15',
    'GUEST-IP eth0 10.0.2.15/24 not-a-mac',
    'GUEST-IP a/b 10.0.2.15/24',
    'GUEST-READY uptime=2.1',
    'echo GUEST-IP-ish',
  ]) {
    assert.equal(parseGuestLine(bad), undefined, bad);
  }
});

test('the last report of each interface wins; unchanged input gives the same object', () => {
  const known = {};
  assert.equal(applyGuestText(known, 'booting\nGUEST-READY\n'), known);
  const a = applyGuestText(
    known,
    'GUEST-IP eth0 none\nGUEST-IP eth0 10.0.2.15/24\nGUEST-IP eth1 10.0.3.15/24\n',
  );
  assert.deepEqual(a, { eth0: { addr: '10.0.2.15', prefix: 24 }, eth1: { addr: '10.0.3.15', prefix: 24 } });
  assert.deepEqual(applyGuestText(a, 'GUEST-IP eth1 none\n'), { eth0: a.eth0, eth1: {} });
});

test('guest-agent keys: by MAC, else ethN as device N; unknown NICs and lost leases left out', () => {
  const vifs = [
    { position: 0, mac: '52:54:00:00:00:0a' },
    { position: 2, mac: '52:54:00:00:00:0c' },
  ];
  assert.deepEqual(
    guestAgentKeys(
      {
        eth0: { addr: '10.0.2.15', prefix: 24, mac: '52:54:00:00:00:0c' },
        eth1: { addr: '10.0.3.15', prefix: 24, mac: '52:54:00:00:00:0A' },
        eth2: { addr: '10.0.4.15', prefix: 24, mac: '52:54:00:99:99:99' },
        eth3: {},
      },
      vifs.map((v) => ({ ...v, mac: v.mac.toUpperCase() })),
    ),
    { 'attr/vif/2/ipv4/0': '10.0.2.15' },
  );
  assert.deepEqual(
    guestAgentKeys(
      {
        eth0: { addr: '10.0.2.15', prefix: 24, mac: '52:54:00:00:00:0c' },
        eth1: { addr: '10.0.3.15', prefix: 24, mac: '52:54:00:00:00:0a' },
      },
      vifs,
    ),
    { 'attr/vif/2/ipv4/0': '10.0.2.15', 'attr/vif/0/ipv4/0': '10.0.3.15' },
  );
  assert.deepEqual(guestAgentKeys({ eth0: { addr: '1.2.3.4' }, eth1: { addr: '1.2.3.5' } }, vifs), {
    'attr/vif/0/ipv4/0': '1.2.3.4',
  });
});

test('the log follower hands over whole lines only, from a file that appears late', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'guest-agent-'));
  const path = join(dir, 'serial.log');
  const got: string[] = [];
  const f = new LogFollower(path, (t) => got.push(t), 0, 10_000);
  try {
    await f.poll();
    assert.deepEqual(got, []);
    appendFileSync(path, 'one\ntw');
    await f.poll();
    assert.deepEqual(got, ['one\n']);
    appendFileSync(path, 'o\n');
    await f.poll();
    await f.poll();
    assert.deepEqual(got, ['one\n', 'two\n']);
  } finally {
    await f.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('addresses carried by a migration: well-formed entries kept, the rest dropped', () => {
  const sent = JSON.parse(
    JSON.stringify({
      eth0: { addr: '10.0.2.15', prefix: 24, mac: '52:54:00:AB:CD:EF' },
      eth1: { mac: '52:54:00:00:00:01' },
      eth2: { addr: '10.0.2.300', prefix: 24 },
      eth3: { addr: '10.0.3.1', prefix: 33 },
      'bad iface name!': { addr: '10.0.4.1', prefix: 24 },
      eth4: 'nonsense',
    }),
  ) as unknown;
  assert.deepEqual(carriedGuestIps(sent), {
    eth0: { addr: '10.0.2.15', prefix: 24, mac: '52:54:00:ab:cd:ef' },
    eth1: { mac: '52:54:00:00:00:01' },
  });
  assert.equal(carriedGuestIps(undefined), undefined);
  assert.equal(carriedGuestIps([1, 2]), undefined);
  assert.equal(carriedGuestIps({}), undefined);
  // what the destination reports from them, before the guest says anything again
  assert.deepEqual(
    guestAgentKeys(carriedGuestIps(sent) ?? {}, [{ position: 0, mac: '52:54:00:ab:cd:ef' }]),
    guestAgentKeys({ eth0: { addr: '10.0.2.15', prefix: 24, mac: '52:54:00:ab:cd:ef' } }, [
      { position: 0, mac: '52:54:00:ab:cd:ef' },
    ]),
  );
});

test('a report that follows other console output on its line still counts', () => {
  assert.deepEqual(parseGuestLine('guest# \x1b[6nGUEST-IP eth0 10.0.2.15/24 52:54:00:12:34:56\r'), {
    iface: 'eth0',
    ip: { addr: '10.0.2.15', prefix: 24, mac: '52:54:00:12:34:56' },
  });
  assert.equal(parseGuestLine('xGUEST-IPeth0 10.0.2.15/24'), undefined);
});
