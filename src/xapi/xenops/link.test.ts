import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '../../idl/index.js';
import type { XenopsInterface } from '../../idl/xenops.js';
import { haltedVmState, type VmState } from '../../idl/xenops-types.js';
import { serverFields } from '../records.js';
import { openStore } from '../store.js';
import { XenopsLink } from './link.js';

test('overlapping refreshes of a VM: a reply older than one applied is dropped', async () => {
  const db = openStore(undefined);
  const host = db.create('host', serverFields('host', { other_config: {} }));
  const uuid = '6c0c1b0a-3f9e-4b8e-9a51-0c4c2e4f7d10';
  const vm = db.create('VM', serverFields('VM', { uuid, power_state: 'Halted', other_config: {} }));
  const replies: ((s: VmState) => void)[] = [];
  const client = {
    call: (method: string) => {
      assert.equal(method, 'VM.stat');
      return new Promise<[unknown, VmState]>((resolve) => replies.push((s) => resolve([{}, s])));
    },
  } as unknown as Client<XenopsInterface>;
  const link = new XenopsLink(client, { db, host, consoleBase: 'http://127.0.0.1' });
  const running = (ip?: string): VmState => ({
    ...haltedVmState,
    power_state: 'Running',
    domids: [1],
    guest_agent: ip ? { 'attr/vif/0/ipv4/0': ip } : {},
  });
  const older = link.refreshVm(uuid);
  const newer = link.refreshVm(uuid);
  replies[1]?.(running('10.0.2.15'));
  await newer;
  replies[0]?.(running());
  await older;
  const gm = db.get('VM', vm).guest_metrics;
  assert.deepEqual(db.get('VM_guest_metrics', gm).networks, {
    '0/ipv4/0': '10.0.2.15',
    '0/ip': '10.0.2.15',
  });
  assert.equal(db.get('VM', vm).power_state, 'Running');
});
