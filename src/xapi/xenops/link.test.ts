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

test('a VM running on another host of the pool: this xenopsd not having it changes nothing; running it here does', async () => {
  const db = openStore(undefined);
  const here = db.create('host', serverFields('host', { other_config: {} }));
  const there = db.create('host', serverFields('host', { other_config: {} }));
  const uuid = '0b7d1c52-5a2e-4d8e-8f3e-2a9c1f6e4b21';
  const vm = db.create(
    'VM',
    serverFields('VM', { uuid, power_state: 'Running', resident_on: there, domid: 7, other_config: {} }),
  );
  let reply: () => Promise<[unknown, VmState]> = () => Promise.reject(new Error('unset'));
  const client = { call: () => reply() } as unknown as Client<XenopsInterface>;
  let stopped = 0;
  const link = new XenopsLink(
    client,
    { db, host: here, consoleBase: 'http://127.0.0.1' },
    async () => undefined,
    async () => void stopped++,
  );
  // xenopsd reports the VM halted (a domain left behind, then gone): the record is the other host's.
  reply = async () => [{}, haltedVmState];
  await link.refreshVm(uuid);
  assert.deepEqual(
    [db.get('VM', vm).power_state, db.get('VM', vm).resident_on, stopped],
    ['Running', there, 0],
  );
  // It arrived here: this host's xenopsd runs it, and the record says so.
  reply = async () => [{}, { ...haltedVmState, power_state: 'Running', domids: [3] }];
  await link.refreshVm(uuid);
  assert.deepEqual([db.get('VM', vm).power_state, db.get('VM', vm).resident_on], ['Running', here]);
});
