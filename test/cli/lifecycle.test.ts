// Lifecycle, device and storage commands against the simulator. Each test
// names the commands it runs; while the XenAPI messages those commands call
// are not in the datamodel yet, the test is skipped with the missing names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missingMessages } from '../../src/cli/command.js';
import { commandTable } from '../../src/cli/commands/index.js';
import { messages } from '../../src/datamodel/index.js';
import { create, startXe, type XeHarness } from './support.js';
import { makeVm } from '../support/vm-builder.js';

/** Skip unless the commands' messages (and any `Class.message` named directly) exist. */
function skipUnless(...commands: string[]): { skip: string | false } {
  const missing = new Set<string>();
  for (const name of commands) {
    if (name.includes('.')) {
      if (!messages.has(name)) missing.add(name);
      continue;
    }
    const cmd = commandTable().get(name);
    assert.ok(cmd, name);
    for (const m of missingMessages(cmd)) missing.add(m);
  }
  return { skip: missing.size ? `needs ${[...missing].join(', ')} (not in the datamodel yet)` : false };
}

const MiB = 1024 * 1024;

/** A small template without disks, so the test does not depend on shipped templates or storage. */
async function template(h: XeHarness, name = 'Tiny Linux'): Promise<string> {
  const [, uuid] = await create(h, 'VM', {
    name_label: name,
    is_a_template: true,
    memory_static_max: 256 * MiB,
    memory_dynamic_max: 256 * MiB,
    memory_dynamic_min: 256 * MiB,
    memory_static_min: 128 * MiB,
    VCPUs_max: 2,
    VCPUs_at_startup: 1,
    actions_after_shutdown: 'destroy',
    actions_after_reboot: 'restart',
    actions_after_crash: 'destroy',
    domain_type: 'pv',
  });
  return uuid;
}

/** A halted VM with a disk on the default SR and a NIC, made with the generic constructors. */
async function plainVm(h: XeHarness, name: string): Promise<string> {
  const { vm } = await makeVm(h.client, name);
  return String(await h.call('VM.get_uuid', vm));
}

async function powerState(h: XeHarness, uuid: string): Promise<string> {
  return (await h.xe('vm-param-get', `uuid=${uuid}`, 'param-name=power-state')).stdout.trim();
}

test(
  'vm-start, event-wait, vm-pause/unpause, vm-suspend/resume, vm-reboot, vm-vcpu-hotplug, vm-shutdown',
  skipUnless(
    'vm-start',
    'vm-shutdown',
    'vm-reboot',
    'vm-suspend',
    'vm-resume',
    'vm-pause',
    'vm-unpause',
    'vm-vcpu-hotplug',
  ),
  async () => {
    await using h = await startXe({ toolstack: true });
    const vm = await plainVm(h, 'web1');
    assert.equal(await powerState(h, vm), 'halted');
    assert.deepEqual(await h.xe('vm-start', 'vm=web1'), { code: 0, stdout: '', stderr: '' });
    assert.equal((await h.xe('event-wait', 'class=vm', `uuid=${vm}`, 'power-state=running')).code, 0);
    const running = ['vm-list', 'power-state=running', 'is-control-domain=false', '--minimal'];
    assert.equal((await h.xe(...running)).stdout, `${vm}\n`);
    const host = (await h.xe('host-list', '--minimal')).stdout.trim();
    assert.equal((await h.xe('vm-param-get', `uuid=${vm}`, 'param-name=resident-on')).stdout, `${host}\n`);
    const again = await h.xe('vm-start', `uuid=${vm}`);
    assert.equal(again.code, 1);
    assert.match(
      again.stderr,
      /^You attempted an operation on a VM that was not in an appropriate power state/,
    );
    assert.match(again.stderr, new RegExp(`\\nvm: ${vm} \\(web1\\)\\n`));

    assert.equal((await h.xe('vm-pause', `uuid=${vm}`)).code, 0);
    assert.equal(await powerState(h, vm), 'paused');
    assert.equal((await h.xe('vm-unpause', `uuid=${vm}`)).code, 0);
    assert.equal(await powerState(h, vm), 'running');
    assert.equal((await h.xe('vm-suspend', `uuid=${vm}`)).code, 0);
    assert.equal(await powerState(h, vm), 'suspended');
    assert.equal((await h.xe('vm-resume', `uuid=${vm}`)).code, 0);
    assert.equal(await powerState(h, vm), 'running');
    assert.equal((await h.xe('vm-reboot', `uuid=${vm}`)).code, 0);
    assert.equal((await h.xe('vm-reboot', `uuid=${vm}`, '--force')).code, 0);
    assert.equal(await powerState(h, vm), 'running');
    assert.equal((await h.xe('vm-vcpu-hotplug', `uuid=${vm}`, 'new-vcpus=1')).code, 0);
    const tooMany = await h.xe('vm-vcpu-hotplug', `uuid=${vm}`, 'new-vcpus=9');
    assert.deepEqual([tooMany.code, tooMany.stderr.split('\n')[0]], [1, 'The value given is invalid']);
    assert.equal((await h.xe('vm-shutdown', `uuid=${vm}`)).code, 0);
    assert.equal(await powerState(h, vm), 'halted');
    assert.equal((await h.xe('vm-start', `uuid=${vm}`, '--paused')).code, 0);
    assert.equal(await powerState(h, vm), 'paused');
    assert.equal((await h.xe('vm-shutdown', `uuid=${vm}`, '--force')).code, 0);
    assert.equal(await powerState(h, vm), 'halted');
  },
);

test(
  'vm-shutdown power-state=running --multiple acts on every match',
  skipUnless('vm-start', 'vm-shutdown'),
  async () => {
    await using h = await startXe({ toolstack: true });
    const vms: string[] = [];
    for (const n of ['a', 'b']) {
      const vm = await plainVm(h, n);
      assert.equal((await h.xe('vm-start', `uuid=${vm}`)).code, 0);
      vms.push(vm);
    }
    const one = await h.xe('vm-shutdown', 'power-state=running', '--force');
    assert.deepEqual(
      [one.code, one.stderr],
      [1, 'Error: Multiple matches VMs found. --multiple required to complete the operation\n'],
    );
    assert.equal((await h.xe('vm-shutdown', 'power-state=running', '--multiple', '--force')).code, 0);
    for (const vm of vms) assert.equal(await powerState(h, vm), 'halted');
    const none = await h.xe('vm-shutdown', 'power-state=running');
    assert.deepEqual([none.code, none.stderr], [1, 'Error: No matching VMs found\n']);
    // With --multiple, each failure is reported and the command exits 1.
    const both = await h.xe('vm-shutdown', '--multiple');
    assert.equal(both.code, 1);
    assert.equal(both.stdout.split('\n').filter((l) => l.startsWith('operation failed on ')).length, 2);
  },
);

test(
  'vm-clone, vm-copy, vm-snapshot, snapshot-revert, vm-uninstall, vm-checkpoint',
  skipUnless(
    'vm-checkpoint',
    'vm-install',
    'vm-start',
    'vm-clone',
    'vm-copy',
    'vm-snapshot',
    'snapshot-revert',
    'vm-uninstall',
  ),
  async () => {
    await using h = await startXe({ toolstack: true });
    await template(h);
    const vm = (await h.xe('vm-install', 'template=Tiny Linux', 'new-name-label=orig')).stdout.trim();
    const clone = await h.xe('vm-clone', `uuid=${vm}`, 'new-name-label=clone');
    assert.equal(clone.code, 0, clone.stderr);
    assert.equal(
      (await h.xe('vm-param-get', `uuid=${clone.stdout.trim()}`, 'param-name=name-label')).stdout,
      'clone\n',
    );
    const copy = await h.xe('vm-copy', `uuid=${vm}`, 'new-name-label=copy');
    assert.equal(copy.code, 0, copy.stderr);
    const snap = await h.xe('vm-snapshot', `uuid=${vm}`, 'new-name-label=before');
    assert.equal(snap.code, 0, snap.stderr);
    const snapUuid = snap.stdout.trim();
    assert.equal((await h.xe('snapshot-list', '--minimal')).stdout, `${snapUuid}\n`);
    assert.equal((await h.xe('vm-param-set', `uuid=${vm}`, 'name-label=changed')).code, 0);
    assert.equal((await h.xe('snapshot-revert', `snapshot-uuid=${snapUuid}`)).code, 0);
    assert.equal((await h.xe('vm-uninstall', `uuid=${clone.stdout.trim()}`, '--force')).code, 0);
    assert.equal((await h.xe('vm-list', 'name-label=clone', '--minimal')).stdout, '\n');
    // The installed VM runs.
    assert.equal((await h.xe('vm-start', `uuid=${vm}`)).code, 0);
    assert.equal(await powerState(h, vm), 'running');
    // A running VM is checkpointed: a suspended snapshot, the VM running on.
    const cp = await h.xe('vm-checkpoint', `uuid=${vm}`, 'new-name-label=cp');
    assert.equal(cp.code, 0, cp.stderr);
    assert.equal(await powerState(h, cp.stdout.trim()), 'suspended');
    assert.equal(await powerState(h, vm), 'running');
  },
);

test('vm-migrate', skipUnless('vm-start', 'vm-migrate'), async () => {
  await using h = await startXe({ toolstack: true });
  const vm = await plainVm(h, 'm');
  assert.equal((await h.xe('vm-start', `uuid=${vm}`)).code, 0);
  const host = (await h.xe('host-list', '--minimal')).stdout.trim();
  const domid = (await h.xe('vm-param-get', `uuid=${vm}`, 'param-name=domid')).stdout;
  assert.match(domid, /^\d+\n$/);
  const r = await h.xe('vm-migrate', `uuid=${vm}`, `host=${host}`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((await h.xe('vm-param-get', `uuid=${vm}`, 'param-name=resident-on')).stdout, `${host}\n`);
  assert.equal(await powerState(h, vm), 'running');
  assert.notEqual(
    (await h.xe('vm-param-get', `uuid=${vm}`, 'param-name=domid')).stdout,
    domid,
    'a new domain',
  );
  const bad = await h.xe('vm-migrate', `uuid=${vm}`, `host=${host}`, 'live=perhaps');
  assert.equal(bad.code, 1);
  const missing = await h.xe('vm-migrate', `uuid=${vm}`);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /host=/);
});

test(
  'storage: sr-create, sr-scan, vdi-create/resize/snapshot/clone/destroy',
  skipUnless('sr-create', 'sr-scan', 'vdi-create', 'vdi-resize', 'vdi-snapshot', 'vdi-clone', 'vdi-destroy'),
  async () => {
    await using h = await startXe();
    const sr = await h.xe('sr-create', 'name-label=local', 'type=file', 'content-type=user');
    assert.equal(sr.code, 0, sr.stderr);
    const srUuid = sr.stdout.trim();
    assert.equal((await h.xe('sr-list', 'name-label=local', '--minimal')).stdout, `${srUuid}\n`);
    assert.equal((await h.xe('sr-scan', `uuid=${srUuid}`)).code, 0);
    const created = await h.xe('vdi-create', `sr-uuid=${srUuid}`, 'name-label=disk', 'virtual-size=64MiB');
    assert.equal(created.code, 0, created.stderr);
    const vdi = created.stdout.trim();
    assert.equal(
      (await h.xe('vdi-param-get', `uuid=${vdi}`, 'param-name=virtual-size')).stdout,
      `${64 * MiB}\n`,
    );
    assert.equal((await h.xe('vdi-param-get', `uuid=${vdi}`, 'param-name=sr-uuid')).stdout, `${srUuid}\n`);
    assert.equal((await h.xe('vdi-resize', `uuid=${vdi}`, 'disk-size=128MiB')).code, 0);
    assert.equal(
      (await h.xe('vdi-param-get', `uuid=${vdi}`, 'param-name=virtual-size')).stdout,
      `${128 * MiB}\n`,
    );
    const snap = (await h.xe('vdi-snapshot', `uuid=${vdi}`)).stdout.trim();
    assert.equal((await h.xe('vdi-param-get', `uuid=${snap}`, 'param-name=is-a-snapshot')).stdout, 'true\n');
    const clone = (await h.xe('vdi-clone', `uuid=${vdi}`, 'new-name-label=copy')).stdout.trim();
    assert.equal((await h.xe('vdi-param-get', `uuid=${clone}`, 'param-name=name-label')).stdout, 'copy\n');
    for (const v of [snap, clone, vdi]) assert.equal((await h.xe('vdi-destroy', `uuid=${v}`)).code, 0);
    const gone = await h.xe('vdi-param-list', `uuid=${vdi}`);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /^The uuid you supplied was invalid\.\ntype: VDI\n/);
  },
);

test(
  'devices: vbd-create/plug/unplug/destroy and vif-create/plug/unplug/destroy on a running VM',
  skipUnless(
    'vdi-create',
    'vbd-create',
    'vbd-plug',
    'vbd-unplug',
    'vbd-destroy',
    'vif-create',
    'vif-plug',
    'vif-unplug',
    'vif-destroy',
    'vm-start',
  ),
  async () => {
    await using h = await startXe({ toolstack: true });
    const vm = await plainVm(h, 'dev');
    const sr = (await h.xe('pool-list', 'params=default-SR', '--minimal')).stdout.trim();
    const vdi = (
      await h.xe('vdi-create', `sr-uuid=${sr}`, 'name-label=data', 'virtual-size=64MiB')
    ).stdout.trim();
    const vbd = await h.xe('vbd-create', `vm-uuid=${vm}`, `vdi-uuid=${vdi}`, 'device=1');
    assert.equal(vbd.code, 0, vbd.stderr);
    const net = (await h.xe('network-create', 'name-label=lan')).stdout.trim();
    const vif = await h.xe('vif-create', `vm-uuid=${vm}`, `network-uuid=${net}`, 'device=1');
    assert.equal(vif.code, 0, vif.stderr);
    assert.equal((await h.xe('vm-start', `uuid=${vm}`)).code, 0);
    for (const [cls, uuid] of [
      ['vbd', vbd.stdout.trim()],
      ['vif', vif.stdout.trim()],
    ] as const) {
      const attached = async () =>
        (await h.xe(`${cls}-param-get`, `uuid=${uuid}`, 'param-name=currently-attached')).stdout;
      assert.equal(await attached(), 'true\n');
      assert.equal((await h.xe(`${cls}-unplug`, `uuid=${uuid}`)).code, 0);
      assert.equal(await attached(), 'false\n');
      assert.equal((await h.xe(`${cls}-plug`, `uuid=${uuid}`)).code, 0);
      assert.equal(await attached(), 'true\n');
      assert.equal((await h.xe(`${cls}-unplug`, `uuid=${uuid}`)).code, 0);
      assert.equal((await h.xe(`${cls}-destroy`, `uuid=${uuid}`)).code, 0);
      assert.equal((await h.xe(`${cls}-list`, `uuid=${uuid}`, '--minimal')).stdout, '\n');
    }
  },
);

test(
  "vm-install puts the template's disks on the SR given",
  skipUnless('vm-install', 'sr-create', 'VM.provision'),
  async () => {
    await using h = await startXe({ toolstack: true });
    const sr = (await h.xe('sr-create', 'name-label=fast', 'type=file', 'content-type=user')).stdout.trim();
    const t = await template(h, 'With Disk');
    const disks =
      '<provision><disk device="0" size="67108864" sr="" bootable="true" type="system"/></provision>';
    assert.equal((await h.xe('template-param-set', `uuid=${t}`, `other-config:disks=${disks}`)).code, 0);
    const r = await h.xe('vm-install', 'template=With Disk', 'new-name-label=d', `sr-uuid=${sr}`);
    assert.equal(r.code, 0, r.stderr);
    const vbds = (
      await h.xe('vbd-list', `vm-uuid=${r.stdout.trim()}`, 'params=vdi-uuid', '--minimal')
    ).stdout.trim();
    assert.notEqual(vbds, '');
    for (const vdi of vbds.split(',')) {
      assert.equal((await h.xe('vdi-param-get', `uuid=${vdi}`, 'param-name=sr-uuid')).stdout, `${sr}\n`);
    }
  },
);
