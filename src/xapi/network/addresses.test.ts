// The address checks of VIF locking and static addresses, as xapi makes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCidr, assertIpOrCidr, isValidIp, parseCidr } from './addresses.js';

test('addresses and CIDR ranges of each family', () => {
  assert.ok(isValidIp('ipv4', '10.0.0.1'));
  assert.ok(!isValidIp('ipv4', '10.0.0.256'));
  assert.ok(!isValidIp('ipv4', 'fd00::1'));
  assert.ok(isValidIp('ipv6', 'fd00::1'));
  assert.deepEqual(parseCidr('ipv4', '10.0.0.5/24'), { address: '10.0.0.5', prefix: 24 });
  assert.deepEqual(parseCidr('ipv6', '2001:db8::/64'), { address: '2001:db8::', prefix: 64 });
  for (const bad of [
    '10.0.0.5',
    '10.0.0.5/33',
    '10.0.0.5/',
    '10.0.0.5/x',
    '/24',
    'fd00::/24',
    '10.0.0.5/24/1',
  ])
    assert.equal(parseCidr('ipv4', bad), undefined, bad);
  assert.equal(parseCidr('ipv6', 'fd00::/129'), undefined);
});

test('the errors carry the parameter, as xapi', () => {
  assert.doesNotThrow(() => assertIpOrCidr('ipv4', 'ipv4_allowed', '192.168.0.0/16'));
  assert.throws(() => assertIpOrCidr('ipv4', 'ipv4_allowed', 'fd00::1'), {
    code: 'INVALID_IP_ADDRESS_SPECIFIED',
    params: ['ipv4_allowed'],
  });
  assert.throws(() => assertCidr('ipv6', 'address', 'fd00::1'), {
    code: 'INVALID_CIDR_ADDRESS_SPECIFIED',
    params: ['address'],
  });
});
