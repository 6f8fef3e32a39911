// Golden-file tests of the argv builder, in libvirt's style: each
// test/golden/qemu-argv/NAME.json ({config, host}) has NAME.args (one argument per
// line, the binary first) or NAME.err (the XenAPI error: code, then each parameter,
// one per line). UPDATE_GOLDEN=1 rewrites them. Files that belong to no case fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../../datamodel/api-error.js';
import { buildArgv, instanceOf } from './argv.js';
import type { HostCaps, VmConfig } from './config.js';

const dir = new URL('../../../../test/golden/qemu-argv/', import.meta.url).pathname;
const update = process.env.UPDATE_GOLDEN === '1';

function render(fixture: { config: VmConfig; host: HostCaps }): { ext: 'args' | 'err'; text: string } {
  try {
    const cmd = buildArgv(fixture.config, fixture.host);
    return { ext: 'args', text: [cmd.binary, ...cmd.argv].join('\n') + '\n' };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { ext: 'err', text: e.toWire().join('\n') + '\n' };
  }
}

const files = readdirSync(dir).sort();
const cases = files.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));

test('every golden file belongs to a case', () => {
  const orphans = files.filter((f) => {
    const m = /^(.*)\.(args|err)$/.exec(f);
    return m === null ? !f.endsWith('.json') : !cases.includes(m[1] as string);
  });
  assert.deepEqual(orphans, []);
  assert.ok(cases.length >= 10, `only ${cases.length} cases`);
});

for (const name of cases) {
  test(`argv golden: ${name}`, () => {
    const fixture = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as {
      config: VmConfig;
      host: HostCaps;
    };
    const { ext, text } = render(fixture);
    const want = join(dir, `${name}.${ext}`);
    const other = join(dir, `${name}.${ext === 'args' ? 'err' : 'args'}`);
    if (update) {
      writeFileSync(want, text);
      if (existsSync(other)) unlinkSync(other);
      return;
    }
    assert.ok(!existsSync(other), `${name}: expected ${ext} output but ${other} exists`);
    assert.ok(existsSync(want), `${name}: no ${name}.${ext} (run with UPDATE_GOLDEN=1)`);
    assert.equal(text, readFileSync(want, 'utf8'));
  });
}

test('the builder is deterministic and tags its processes', () => {
  const fixture = JSON.parse(readFileSync(join(dir, 'direct-kernel-pvh.json'), 'utf8')) as {
    config: VmConfig;
    host: HostCaps;
  };
  const a = buildArgv(fixture.config, fixture.host);
  assert.deepEqual(a, buildArgv(fixture.config, fixture.host));
  assert.deepEqual(instanceOf(a.argv), { tag: fixture.host.instanceTag, uuid: fixture.config.uuid });
  assert.equal(instanceOf(['-name', 'guest=x', '-uuid', fixture.config.uuid]), undefined);
  assert.equal(instanceOf([]), undefined);
  // a VM name cannot forge another instance's tag: its commas are escaped
  const forged = buildArgv({ ...fixture.config, name: 'x,process=xenopsd:other' }, fixture.host);
  assert.deepEqual(instanceOf(forged.argv), { tag: fixture.host.instanceTag, uuid: fixture.config.uuid });
});
