import { test } from 'node:test';
import assert from 'node:assert/strict';
import { haltedVmState } from '../../idl/xenops-types.js';
import { serverFields } from '../records.js';
import { openStore } from '../store.js';
import { applyHostCapabilities, applyVmState, guestNetworks } from './sync.js';

test("guest metrics networks from a guest agent's keys", () => {
  assert.deepEqual(
    guestNetworks({
      'attr/vif/0/ipv4/0': '10.0.2.15',
      'attr/vif/0/ipv4/1': '10.0.2.16',
      'attr/vif/1/ipv6/0': 'fe80::1',
      'vif/2/ipv4/0': '192.168.0.2',
      'data/os_name': 'Linux',
    }),
    {
      '0/ipv4/0': '10.0.2.15',
      '0/ip': '10.0.2.15',
      '0/ipv4/1': '10.0.2.16',
      '1/ipv6/0': 'fe80::1',
      '2/ipv4/0': '192.168.0.2',
      '2/ip': '192.168.0.2',
    },
  );
  assert.deepEqual(guestNetworks({}), {});
});

test('host capabilities follow HOST.stat; guest metrics keep up with lost addresses', () => {
  const db = openStore(undefined);
  const host = db.create(
    'host',
    serverFields('host', { capabilities: ['hvm-3.0-x86_64'], other_config: {} }),
  );
  applyHostCapabilities(db, host, 'qemu-tcg  hvm-3.0-x86_64 uefi');
  assert.deepEqual(db.get('host', host).capabilities, ['qemu-tcg', 'hvm-3.0-x86_64', 'uefi']);
  applyHostCapabilities(db, host, '');
  assert.deepEqual(db.get('host', host).capabilities, ['qemu-tcg', 'hvm-3.0-x86_64', 'uefi']);

  const vm = db.create('VM', serverFields('VM', { power_state: 'Halted', other_config: {} }));
  const ctx = { db, host, consoleBase: 'http://127.0.0.1' };
  const running = (guest_agent: Record<string, string>) => ({
    ...haltedVmState,
    power_state: 'Running' as const,
    domids: [1],
    guest_agent,
  });
  applyVmState(ctx, vm, running({}));
  assert.equal(db.get('VM', vm).guest_metrics, 'OpaqueRef:NULL', 'none before the guest reports');
  applyVmState(ctx, vm, running({ 'attr/vif/0/ipv4/0': '10.0.2.15' }));
  const gm = db.get('VM', vm).guest_metrics;
  assert.deepEqual(db.get('VM_guest_metrics', gm).networks, {
    '0/ipv4/0': '10.0.2.15',
    '0/ip': '10.0.2.15',
  });
  applyVmState(ctx, vm, running({}));
  assert.deepEqual(db.get('VM_guest_metrics', gm).networks, {});
});
