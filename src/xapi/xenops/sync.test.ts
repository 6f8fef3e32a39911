import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guestNetworks } from './sync.js';

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
