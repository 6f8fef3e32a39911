import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rewriteProvisionSr } from './provision.js';

test('every disk of a provisioning document points at the chosen SR', () => {
  const xml =
    '<provision><disk device="0" size="8589934592" sr="" bootable="true" type="system"/>' +
    '<disk device="1" size="1024" sr="old" bootable="false" type="user"/></provision>';
  assert.equal(
    rewriteProvisionSr(xml, 'sr-1'),
    '<provision><disk device="0" size="8589934592" sr="sr-1" bootable="true" type="system"/>' +
      '<disk device="1" size="1024" sr="sr-1" bootable="false" type="user"/></provision>',
  );
  assert.equal(rewriteProvisionSr('<provision/>', 'x'), '<provision/>');
  assert.equal(
    rewriteProvisionSr('<provision><disk sr="a&amp;b"/></provision>', 'q"'),
    '<provision><disk sr="q&quot;"/></provision>',
  );
  assert.throws(() => rewriteProvisionSr('<provision><disk>', 'x'), /could not be read/);
});
