// <class>-param-list/-get/-set/-add/-remove/-clear: output and effect on the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create, startXe } from './support.js';

test('param-list shows every field with its tag; param-get one value or one map key', async () => {
  await using h = await startXe();
  const [, u] = await create(h, 'VM', { name_label: 'web', other_config: { a: '1', b: '2' } });
  const list = await h.xe('vm-param-list', `uuid=${u}`);
  assert.equal(list.code, 0);
  const lines = list.stdout.split('\n');
  assert.match(lines[0] as string, new RegExp(`^uuid \\( RO\\) +: ${u}$`));
  const width = (lines[0] as string).indexOf(':');
  for (const l of lines.filter((x) => x !== '')) assert.equal(l.indexOf(':'), width, l);
  assert.ok(lines.some((l) => /^ +other-config \(MRW\): a: 1; b: 2$/.test(l)));
  assert.ok(lines.some((l) => /^ +allowed-operations \(SRO\): ([A-Za-z_]+(; [A-Za-z_]+)*)?$/.test(l)));
  assert.ok(list.stdout.endsWith('\n\n\n'));

  assert.deepEqual(await h.xe('vm-param-get', `uuid=${u}`, 'param-name=name-label'), {
    code: 0,
    stdout: 'web\n',
    stderr: '',
  });
  assert.equal((await h.xe('vm-param-get', `uuid=${u}`, 'param-name=other-config')).stdout, 'a: 1; b: 2\n');
  assert.equal(
    (await h.xe('vm-param-get', `uuid=${u}`, 'param-name=other-config', 'param-key=b')).stdout,
    '2\n',
  );
  const missingKey = await h.xe('vm-param-get', `uuid=${u}`, 'param-name=other-config', 'param-key=z');
  assert.deepEqual([missingKey.code, missingKey.stderr], [1, 'Error: Key z not found in map\n']);
  const badName = await h.xe('vm-param-get', `uuid=${u}`, 'param-name=nope');
  assert.deepEqual(
    [badName.code, badName.stderr],
    [1, 'Error code: Missing parameter\nError parameters: nope\n'],
  );
  assert.equal(
    JSON.parse((await h.xe('vm-param-get', `uuid=${u}`, 'param-name=other-config', '--json')).stdout).a,
    '1',
  );
});

test('param-set sets plain fields and map keys, and refuses read-only fields', async () => {
  await using h = await startXe();
  const [ref, u] = await create(h, 'VM', { name_label: 'old', other_config: { k: 'v' } });
  const r = await h.xe(
    'vm-param-set',
    `uuid=${u}`,
    'name-label=new',
    'user-version=7',
    'other-config:k=w',
    'other-config:n=1',
  );
  assert.deepEqual(r, { code: 0, stdout: '', stderr: '' });
  assert.equal(await h.call('VM.get_name_label', ref), 'new');
  assert.equal(await h.call('VM.get_user_version', ref), 7);
  assert.deepEqual(await h.call('VM.get_other_config', ref), { k: 'w', n: '1' });

  const ro = await h.xe('vm-param-set', `uuid=${u}`, 'power-state=running');
  assert.deepEqual([ro.code, ro.stderr], [1, "Error: Field 'power-state' is read-only.\n"]);
  const map = await h.xe('vm-param-set', `uuid=${u}`, 'other-config=x');
  assert.equal(map.stderr, "Error: Field 'other-config' is a map or set. use the 'name:key=value' syntax.\n");
  const bad = await h.xe('vm-param-set', `uuid=${u}`, 'user-version=many');
  assert.equal(bad.stderr, "Error: Failed to parse parameter 'user-version': expecting an integer\n");
  const bool = await h.xe('vm-param-set', `uuid=${u}`, 'is-a-template=maybe');
  assert.equal(
    bool.stderr,
    "Error: Failed to parse parameter 'is-a-template': expecting a boolean (true or false)\n",
  );
  const unknown = await h.xe('vm-param-set', `uuid=${u}`, 'colour=red');
  assert.equal(unknown.stderr, "Error: Unknown field 'colour'\n");
  const enumSet = await h.xe('vm-param-set', `uuid=${u}`, 'actions-after-shutdown=Restart');
  assert.equal(enumSet.code, 0, enumSet.stderr);
  assert.equal(await h.call('VM.get_actions_after_shutdown', ref), 'restart');
});

test('param-add, param-remove and param-clear on sets and maps', async () => {
  await using h = await startXe();
  const [ref, u] = await create(h, 'VM', { name_label: 'x' });
  assert.equal((await h.xe('vm-param-add', `uuid=${u}`, 'param-name=tags', 'param-key=blue')).code, 0);
  assert.equal((await h.xe('vm-param-add', `uuid=${u}`, 'param-name=tags', 'param-key=red')).code, 0);
  assert.deepEqual(await h.call('VM.get_tags', ref), ['blue', 'red']);
  assert.equal((await h.xe('vm-param-add', `uuid=${u}`, 'param-name=other-config', 'a=1', 'b=2')).code, 0);
  assert.deepEqual(await h.call('VM.get_other_config', ref), { a: '1', b: '2' });

  const noKey = await h.xe('vm-param-add', `uuid=${u}`, 'param-name=tags');
  assert.equal(
    noKey.stderr,
    'Error: When adding a key to a set, use the syntax: *-param-add param-name=<name> param-key=<key>\n',
  );
  const dup = await h.xe('vm-param-add', `uuid=${u}`, 'param-name=other-config', 'a=9');
  assert.equal(dup.code, 1);
  assert.match(dup.stderr, /^You tried to add a key-value pair to a map, but that key is already there\.\n/);
  const ro = await h.xe('vm-param-add', `uuid=${u}`, 'param-name=allowed-operations', 'param-key=start');
  assert.equal(ro.stderr, 'Error: Parameter is read-only\n');
  const plain = await h.xe('vm-param-add', `uuid=${u}`, 'param-name=name-label', 'param-key=z');
  assert.equal(plain.stderr, 'Error: Can only add to parameters of type Set or Map\n');

  assert.equal((await h.xe('vm-param-remove', `uuid=${u}`, 'param-name=tags', 'param-key=blue')).code, 0);
  assert.deepEqual(await h.call('VM.get_tags', ref), ['red']);
  const absent = await h.xe('vm-param-remove', `uuid=${u}`, 'param-name=tags', 'param-key=blue');
  assert.equal(absent.stderr, 'Error: Key blue is not in the set\n');
  assert.equal(
    (await h.xe('vm-param-remove', `uuid=${u}`, 'param-name=other-config', 'param-key=a')).code,
    0,
  );
  assert.deepEqual(await h.call('VM.get_other_config', ref), { b: '2' });
  const absentKey = await h.xe('vm-param-remove', `uuid=${u}`, 'param-name=other-config', 'param-key=a');
  assert.equal(absentKey.stderr, 'Error: Key a is not in map\n');

  assert.equal((await h.xe('vm-param-clear', `uuid=${u}`, 'param-name=other-config')).code, 0);
  assert.deepEqual(await h.call('VM.get_other_config', ref), {});
  assert.equal((await h.xe('vm-param-clear', `uuid=${u}`, 'param-name=tags')).code, 0);
  assert.deepEqual(await h.call('VM.get_tags', ref), []);
  assert.equal((await h.xe('vm-param-clear', `uuid=${u}`, 'param-name=name-description')).code, 0);
  const roClear = await h.xe('vm-param-clear', `uuid=${u}`, 'param-name=power-state');
  assert.equal(roClear.stderr, 'Error: Can only clear RW parameters\n');
});

test('host-, pool- and network- param commands act on those classes', async () => {
  await using h = await startXe();
  const host = (await h.xe('host-list', '--minimal')).stdout.trim();
  assert.equal(
    (await h.xe('host-param-set', `uuid=${host}`, 'name-label=h1', 'other-config:rack=3')).code,
    0,
  );
  assert.equal((await h.xe('host-param-get', `uuid=${host}`, 'param-name=name-label')).stdout, 'h1\n');
  assert.equal((await h.xe('host-list', 'other-config:rack=3', '--minimal')).stdout, `${host}\n`);
  const pool = (await h.xe('pool-list', '--minimal')).stdout.trim();
  assert.equal((await h.xe('pool-param-set', `uuid=${pool}`, 'name-label=lab')).code, 0);
  assert.equal((await h.xe('pool-list', 'params=name-label', '--minimal')).stdout, 'lab\n');
});

test('errors: bad uuid in xe words, missing required parameter', async () => {
  await using h = await startXe();
  const r = await h.xe('vm-param-list', 'uuid=nope');
  assert.deepEqual(r, {
    code: 1,
    stdout: '',
    stderr: 'The uuid you supplied was invalid.\ntype: VM\nuuid: nope\n',
  });
  const m = await h.xe('vm-param-get', 'uuid=x');
  assert.deepEqual(
    [m.code, m.stderr],
    [1, "Required parameter not found: param-name\nFor usage run: 'xe help'\n"],
  );
});
