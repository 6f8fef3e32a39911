// Lifecycle, device and storage commands against the simulator. Each test
// names the commands it runs; while the XenAPI messages those commands call
// are not in the datamodel yet, the test is skipped with the missing names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missingMessages } from '../../src/cli/command.js';
import { commandTable } from '../../src/cli/commands/index.js';
import { messages } from '../../src/datamodel/index.js';
import { create, startXe, type XeHarness } from './support.js';

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

async function powerState(h: XeHarness, uuid: string): Promise<string> {
  return (await h.xe('vm-param-get', `uuid=${uuid}`, 'param-name=power-state')).stdout.trim();
}

test(
  'vm-install, vm-start, event-wait, vm-suspend/resume, vm-pause/unpause, vm-reboot, vm-shutdown',
  skipUnless(
    'vm-install',
    'vm-start',
    'vm-shutdown',
    'vm-reboot',
    'vm-suspend',
    'vm-resume',
    'vm-pause',
    'vm-unpause',
  ),
  async () => {
    await using h = await startXe();
    await template(h);
    // Suspend images go to the pool's default SR.
    const sr = (await h.xe('sr-create', 'name-label=local', 'type=file', 'content-type=user')).stdout.trim();
    const pool = (await h.xe('pool-list', '--minimal')).stdout.trim();
    assert.equal((await h.xe('pool-param-set', `uuid=${pool}`, `default-SR=${sr}`)).code, 0);
    const inst = await h.xe('vm-install', 'template=Tiny Linux', 'new-name-label=web1');
    assert.equal(inst.code, 0, inst.stderr);
    const vm = inst.stdout.trim();
    assert.equal(await powerState(h, vm), 'halted');
    assert.equal((await h.xe('vm-param-get', `uuid=${vm}`, 'param-name=is-a-template')).stdout, 'false\n');

    assert.deepEqual(await h.xe('vm-start', 'vm=web1'), { code: 0, stdout: '', stderr: '' });
    assert.equal((await h.xe('event-wait', 'class=vm', `uuid=${vm}`, 'power-state=running')).code, 0);
    assert.equal((await h.xe('vm-list', 'power-state=running', '--minimal')).stdout, `${vm}\n`);
    const again = await h.xe('vm-start', `uuid=${vm}`);
    assert.equal(again.code, 1);
    assert.match(
      again.stderr,
      /^You attempted an operation on a VM that was not in an appropriate power state/,
    );

    assert.equal((await h.xe('vm-pause', `uuid=${vm}`)).code, 0);
    assert.equal(await powerState(h, vm), 'paused');
    assert.equal((await h.xe('vm-unpause', `uuid=${vm}`)).code, 0);
    assert.equal(await powerState(h, vm), 'running');
    assert.equal((await h.xe('vm-suspend', `uuid=${vm}`)).code, 0);
    assert.equal(await powerState(h, vm), 'suspended');
    assert.equal((await h.xe('vm-resume', `uuid=${vm}`)).code, 0);
    assert.equal(await powerState(h, vm), 'running');
    assert.equal((await h.xe('vm-reboot', `uuid=${vm}`, '--force')).code, 0);
    assert.equal(await powerState(h, vm), 'running');
    assert.equal((await h.xe('vm-shutdown', `uuid=${vm}`, '--force')).code, 0);
    assert.equal(await powerState(h, vm), 'halted');
  },
);

test(
  'vm-shutdown power-state=running --multiple acts on every match',
  skipUnless('vm-install', 'vm-start', 'vm-shutdown'),
  async () => {
    await using h = await startXe();
    await template(h);
    const vms: string[] = [];
    for (const n of ['a', 'b']) {
      const vm = (await h.xe('vm-install', 'template=Tiny Linux', `new-name-label=${n}`)).stdout.trim();
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
  },
);

test(
  'vm-clone, vm-copy, vm-snapshot, snapshot-revert, vm-uninstall',
  skipUnless('vm-install', 'vm-clone', 'vm-copy', 'vm-snapshot', 'snapshot-revert', 'vm-uninstall'),
  async () => {
    await using h = await startXe();
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
  },
);

test(
  'vm-migrate and vm-vcpu-hotplug',
  skipUnless('vm-install', 'vm-start', 'vm-migrate', 'vm-vcpu-hotplug'),
  async () => {
    await using h = await startXe();
    await template(h);
    const vm = (await h.xe('vm-install', 'template=Tiny Linux', 'new-name-label=m')).stdout.trim();
    assert.equal((await h.xe('vm-start', `uuid=${vm}`)).code, 0);
    assert.equal((await h.xe('vm-vcpu-hotplug', `uuid=${vm}`, 'new-vcpus=2')).code, 0);
    const host = (await h.xe('host-list', '--minimal')).stdout.trim();
    const r = await h.xe('vm-migrate', `uuid=${vm}`, `host=${host}`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await h.xe('vm-param-get', `uuid=${vm}`, 'param-name=resident-on')).stdout, `${host}\n`);
  },
);

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
    'sr-create',
    'vdi-create',
    'vbd-create',
    'vbd-plug',
    'vbd-unplug',
    'vbd-destroy',
    'vif-create',
    'vif-plug',
    'vif-unplug',
    'vif-destroy',
    'vm-install',
    'vm-start',
  ),
  async () => {
    await using h = await startXe();
    const sr = (await h.xe('sr-create', 'name-label=local', 'type=file', 'content-type=user')).stdout.trim();
    const vdi = (
      await h.xe('vdi-create', `sr-uuid=${sr}`, 'name-label=disk', 'virtual-size=64MiB')
    ).stdout.trim();
    await template(h);
    const vm = (await h.xe('vm-install', 'template=Tiny Linux', 'new-name-label=dev')).stdout.trim();
    const vbd = await h.xe('vbd-create', `vm-uuid=${vm}`, `vdi-uuid=${vdi}`, 'device=1');
    assert.equal(vbd.code, 0, vbd.stderr);
    const net = (await h.xe('network-create', 'name-label=lan')).stdout.trim();
    const vif = await h.xe('vif-create', `vm-uuid=${vm}`, `network-uuid=${net}`, 'device=0');
    assert.equal(vif.code, 0, vif.stderr);
    assert.equal((await h.xe('vm-start', `uuid=${vm}`)).code, 0);
    for (const [cls, uuid] of [
      ['vbd', vbd.stdout.trim()],
      ['vif', vif.stdout.trim()],
    ] as const) {
      assert.equal(
        (await h.xe(`${cls}-param-get`, `uuid=${uuid}`, 'param-name=currently-attached')).stdout,
        'true\n',
      );
      assert.equal((await h.xe(`${cls}-unplug`, `uuid=${uuid}`)).code, 0);
      assert.equal(
        (await h.xe(`${cls}-param-get`, `uuid=${uuid}`, 'param-name=currently-attached')).stdout,
        'false\n',
      );
      assert.equal((await h.xe(`${cls}-plug`, `uuid=${uuid}`)).code, 0);
      assert.equal((await h.xe(`${cls}-unplug`, `uuid=${uuid}`)).code, 0);
      assert.equal((await h.xe(`${cls}-destroy`, `uuid=${uuid}`)).code, 0);
    }
  },
);

test(
  "vm-install puts the template's disks on the SR given",
  skipUnless('vm-install', 'sr-create', 'VM.provision'),
  async () => {
    await using h = await startXe();
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
