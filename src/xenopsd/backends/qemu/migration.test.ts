import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../datamodel/api-error.js';
import { migrationOutcome, resumeFromFile, shellQuote, suspendToFile } from './migration.js';

test('state files go through exec:cat with the path quoted for the shell', () => {
  assert.equal(shellQuote("/srv/it's here.img"), `'/srv/it'\\''s here.img'`);
  const save = suspendToFile('/var/lib/xenopsd/suspend/vm 1.img');
  assert.deepEqual(
    save.map((c) => c.execute),
    ['migrate-set-capabilities', 'migrate-set-parameters', 'stop', 'migrate'],
  );
  assert.deepEqual(save[3]?.arguments, { uri: "exec:cat > '/var/lib/xenopsd/suspend/vm 1.img'" });
  assert.deepEqual(resumeFromFile('/a/$(reboot)')[1]?.arguments, { uri: "exec:cat '/a/$(reboot)'" });
  assert.throws(
    () => suspendToFile('relative.img'),
    (e) => e instanceof ApiError && e.code === 'INVALID_VALUE',
  );
});

test('migration outcomes', () => {
  assert.equal(migrationOutcome('active'), undefined);
  assert.equal(migrationOutcome('completed'), 'completed');
  assert.equal(migrationOutcome('failed'), 'failed');
  assert.equal(migrationOutcome('cancelled'), 'failed');
});
