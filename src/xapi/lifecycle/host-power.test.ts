import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store.js';
import { firstStart } from '../first-start.js';
import { HostPower } from '../host/power.js';
import { settleHostAtStart } from './host-power.js';

function setup() {
  const db = openStore(undefined);
  const { host } = firstStart(db);
  return { db, host };
}

test('startup: stale operations go; a disable stays; a power-off holds until the machine restarts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'host-power-'));
  try {
    const { db, host } = setup();
    db.update('host', host, { enabled: false, current_operations: { 'OpaqueRef:t': 'vm_start' } });
    settleHostAtStart(db, host, new HostPower(dir, { bootId: 'b1' }));
    assert.deepEqual(db.get('host', host).current_operations, {});
    assert.equal(db.get('host', host).enabled, false);
    assert.ok(db.get('host', host).allowed_operations.includes('shutdown'));

    new HostPower(dir, { bootId: 'b1' }).markDisabledUntilReboot();
    db.update('host', host, { enabled: true });
    const same = new HostPower(dir, { bootId: 'b1' });
    assert.equal(same.disabledUntilReboot, true);
    settleHostAtStart(db, host, same);
    assert.equal(db.get('host', host).enabled, false);

    const next = new HostPower(dir, { bootId: 'b2' });
    assert.equal(next.rebootedSincePowerOff, true);
    settleHostAtStart(db, host, next);
    assert.equal(db.get('host', host).enabled, true);
    assert.equal(next.disabledUntilReboot, false);
    assert.equal(new HostPower(dir, { bootId: 'b2' }).rebootedSincePowerOff, false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
