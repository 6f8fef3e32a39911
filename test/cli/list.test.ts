// <class>-list against a live server: xe's record blocks, params=, field,
// map and set filters, --minimal, --json, and xe's views of the VM class.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create, startXe } from './support.js';

test('vm-list prints xe record blocks, hides templates, filters and selects columns', async () => {
  await using h = await startXe();
  const [, a] = await create(h, 'VM', { name_label: 'alpha', other_config: { owner: 'ann' }, tags: ['web'] });
  const [, b] = await create(h, 'VM', { name_label: 'beta', other_config: { owner: 'bob' } });
  await create(h, 'VM', { name_label: 'tmpl', is_a_template: true });

  const all = await h.xe('vm-list');
  assert.equal(all.code, 0);
  assert.equal(all.stderr, '');
  const block = (uuid: string, name: string) =>
    `uuid ( RO)           : ${uuid}\n     name-label ( RW): ${name}\n    power-state ( RO): halted\n\n\n`;
  // Records come in the server's order; compare as a set of blocks. xe lists the host's control domain too.
  const dom0 = Object.values(await h.client.VM.get_all_records()).find((r) => r.is_control_domain);
  assert.ok(dom0);
  const dom0Block = `uuid ( RO)           : ${dom0.uuid}\n     name-label ( RW): ${dom0.name_label}\n    power-state ( RO): running\n\n\n`;
  assert.deepEqual(
    new Set(all.stdout.split(/(?<=\n\n\n)/)),
    new Set([block(a, 'alpha'), block(b, 'beta'), dom0Block]),
  );

  assert.equal((await h.xe('vm-list', 'name-label=alpha')).stdout, block(a, 'alpha'));
  assert.equal((await h.xe('vm-list', 'power-state=Halted', 'name-label=beta')).stdout, block(b, 'beta'));
  assert.equal((await h.xe('vm-list', 'other-config:owner=bob')).stdout, block(b, 'beta'));
  assert.equal((await h.xe('vm-list', 'other-config-owner=ann')).stdout, block(a, 'alpha'));
  assert.equal((await h.xe('vm-list', 'tags:contains=web')).stdout, block(a, 'alpha'));
  assert.equal((await h.xe('vm-list', 'name-label=nobody')).stdout, '');

  const cols = await h.xe('vm-list', 'uuid=' + a, 'params=name-label,other-config');
  // The first title is left-aligned, the others right-aligned.
  assert.equal(cols.stdout, 'name-label ( RW)      : alpha\n    other-config (MRW): owner: ann\n\n\n');
  const full = await h.xe('vm-list', 'uuid=' + a, 'params=all');
  assert.match(full.stdout, /^uuid \( RO\) +: /);
  assert.match(full.stdout, /\n +memory-static-max \( RW\): 0\n/);
  assert.match(full.stdout, /\n +resident-on \( RO\): <not in database>\n/);
  assert.match(full.stdout, /\n +tags \(SRW\): web\n/);
});

test('--minimal gives the first column comma-separated; --json gives typed records', async () => {
  await using h = await startXe();
  assert.equal((await h.xe('vm-list', 'is-control-domain=false', '--minimal')).stdout, '\n');
  const [, a] = await create(h, 'VM', { name_label: 'a,b' });
  const [, b] = await create(h, 'VM', { name_label: 'c' });
  const uuids = (await h.xe('vm-list', 'is-control-domain=false', '--minimal')).stdout.trim().split(',');
  assert.deepEqual(new Set(uuids), new Set([a, b]));
  assert.equal((await h.xe('vm-list', 'uuid=' + a, 'params=name-label', '--minimal')).stdout, 'a\\,b\n');
  const json = JSON.parse((await h.xe('vm-list', 'uuid=' + a, 'params=all', '--json')).stdout) as Record<
    string,
    unknown
  >[];
  assert.equal(json.length, 1);
  assert.equal(json[0]?.['name-label'], 'a,b');
  assert.equal(json[0]?.['power-state'], 'halted');
  assert.equal(json[0]?.['memory-static-max'], 0);
  assert.equal(json[0]?.['is-a-template'], false);
  assert.deepEqual(json[0]?.['other-config'], {});
  assert.equal(json[0]?.['resident-on'], null);
});

test('template and snapshot views; other classes with references shown as uuids', async () => {
  await using h = await startXe();
  const [, t] = await create(h, 'VM', {
    name_label: 'Debian',
    is_a_template: true,
    name_description: 'a template',
  });
  assert.equal(
    (await h.xe('template-list', `uuid=${t}`)).stdout,
    `uuid ( RO)                : ${t}\n          name-label ( RW): Debian\n    name-description ( RW): a template\n\n\n`,
  );
  assert.equal((await h.xe('snapshot-list')).stdout, '');
  // Templates are not VMs: vm-list leaves them out.
  assert.equal((await h.xe('vm-list', `uuid=${t}`, '--minimal')).stdout, '\n');
  const host = String((await h.xe('host-list', '--minimal')).stdout.trim());
  const pool = await h.xe('pool-list', 'params=master', '--minimal');
  assert.equal(pool.stdout.trim(), host);
  const [net, netUuid] = await create(h, 'network', { name_label: 'lan', bridge: 'br0' });
  const [vmRef, vmUuid] = await create(h, 'VM', { name_label: 'v' });
  const [, vif] = await create(h, 'VIF', { VM: vmRef, network: net, device: '0' });
  assert.equal(
    (await h.xe('vif-list')).stdout,
    `uuid ( RO)            : ${vif}\n          device ( RO): 0\n    network-uuid ( RO): ${netUuid}\n         vm-uuid ( RO): ${vmUuid}\n\n\n`,
  );
  assert.equal(
    (await h.xe('vif-list', 'vm-uuid=' + vmUuid, 'params=vm-name-label', '--minimal')).stdout,
    'v\n',
  );
});

test('filtering on an unknown field fails as xe does', async () => {
  await using h = await startXe();
  await create(h, 'VM', { name_label: 'x' });
  const r = await h.xe('vm-list', 'no-such-field=1');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "Error: Unknown field 'no-such-field'\n");
  const s = await h.xe('vm-list', 'tags:has=1');
  assert.equal(s.stderr, 'Error: Invalid syntax for set filtering (should be set-param:contains=key)\n');
});
