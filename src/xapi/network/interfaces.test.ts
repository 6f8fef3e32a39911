import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultGateway, readHostInterfaces } from './interfaces.js';

test('physical interfaces are read from sysfs; virtual ones and loopback are skipped', () => {
  const root = mkdtempSync(join(tmpdir(), 'sysfs-'));
  try {
    const dev = (name: string, physical: boolean, files: Record<string, string>) => {
      mkdirSync(join(root, name));
      for (const [k, v] of Object.entries(files)) writeFileSync(join(root, name, k), `${v}\n`);
      if (physical) symlinkSync(root, join(root, name, 'device'));
    };
    dev('eth9', true, {
      address: '02:00:00:00:00:09',
      mtu: '9000',
      carrier: '1',
      speed: '10000',
      duplex: 'full',
    });
    dev('br0', false, { address: '02:00:00:00:00:0a', mtu: '1500' });
    dev('lo', false, { address: '00:00:00:00:00:00', mtu: '65536' });
    const ifs = readHostInterfaces(root);
    assert.deepEqual(
      ifs.map((i) => [i.device, i.mac, i.mtu, i.carrier, i.speed, i.duplex]),
      [['eth9', '02:00:00:00:00:09', 9000, true, 10000, true]],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the default gateway comes from the routing table', () => {
  const dir = mkdtempSync(join(tmpdir(), 'route-'));
  try {
    const f = join(dir, 'route');
    writeFileSync(
      f,
      'Iface\tDestination\tGateway\tFlags\n' +
        'eth0\t0000FEA9\t00000000\t0001\n' +
        'eth0\t00000000\t0100000A\t0003\n',
    );
    assert.equal(defaultGateway(f), '10.0.0.1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
