// Host maintenance commands against a live server on the simulator:
// host-disable/enable and their effect on vm-start, evacuation in a
// one-host pool, pool-sync-database, and host-reboot/host-shutdown with a
// recording command in place of the system's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startXe, type XeHarness } from './support.js';
import { makeVm } from '../support/vm-builder.js';
import { startToolstack } from '../support/toolstack.js';
import { failure } from '../support/failure.js';
import { untilObject } from '../support/events.js';

async function hostParam(h: XeHarness, host: string, name: string): Promise<string> {
  return (await h.xe('host-param-get', `uuid=${host}`, `param-name=${name}`)).stdout.trim();
}

test('host-disable stops VM starts until host-enable; evacuation needs another host', async () => {
  await using h = await startXe({ toolstack: true });
  const host = (await h.xe('host-list', '--minimal')).stdout.trim();
  const hostRef = String(await h.call('host.get_by_uuid', host));
  const { vm } = await makeVm(h.client, 'web1');
  const vmUuid = String(await h.call('VM.get_uuid', vm));

  assert.equal(await hostParam(h, host, 'enabled'), 'true');
  assert.deepEqual((await hostParam(h, host, 'allowed-operations')).split('; ').sort(), [
    'enable',
    'evacuate',
    'provision',
    'vm_migrate',
    'vm_resume',
    'vm_start',
  ]);
  // An enabled host cannot be shut down or rebooted.
  const notDisabled = await h.xe('host-reboot', `uuid=${host}`);
  assert.equal(notDisabled.code, 1);
  assert.match(notDisabled.stderr, /^This operation cannot be performed because the host is not disabled/);
  await failure(h.call('host.shutdown', hostRef), 'HOST_NOT_DISABLED', []);

  assert.deepEqual(await h.xe('host-disable', `host=${host}`), { code: 0, stdout: '', stderr: '' });
  assert.equal(await hostParam(h, host, 'enabled'), 'false');
  assert.ok((await hostParam(h, host, 'allowed-operations')).split('; ').includes('reboot'));
  // VM.start chooses among enabled hosts: none; VM.start_on names the disabled host.
  const refused = await h.xe('vm-start', `uuid=${vmUuid}`);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /^There were no servers available to complete the specified operation/);
  await failure(h.call('VM.start', vm, false, false), 'NO_HOSTS_AVAILABLE', []);
  const on = await h.xe('vm-start', `uuid=${vmUuid}`, `on=${host}`);
  assert.equal(on.code, 1);
  assert.match(on.stderr, /^The specified server is disabled\./);
  await failure(h.call('VM.start_on', vm, hostRef, false, false), 'HOST_DISABLED', [hostRef]);
  assert.equal((await h.xe('vm-param-get', `uuid=${vmUuid}`, 'param-name=power-state')).stdout, 'halted\n');

  assert.deepEqual(await h.xe('host-enable', `uuid=${host}`), { code: 0, stdout: '', stderr: '' });
  assert.equal(await hostParam(h, host, 'enabled'), 'true');
  assert.equal((await h.xe('vm-start', `uuid=${vmUuid}`)).code, 0);
  // The start ran as the host's vm_start operation and left nothing behind.
  assert.equal(await hostParam(h, host, 'current-operations'), '');

  // A running VM and no other host: evacuation is impossible, and says why.
  const why = await h.xe('host-get-vms-which-prevent-evacuation', `uuid=${host}`);
  assert.equal(why.code, 0, why.stderr);
  assert.match(why.stdout, new RegExp(`^uuid \\( RO\\)\\s*: ${vmUuid}\\n`));
  assert.match(why.stdout, /\n\s*name-label \( RW\): web1\n/);
  assert.match(why.stdout, new RegExp(`\\n\\s*reason \\( RO\\): NO_HOSTS_AVAILABLE,${vm}\\n`));
  assert.deepEqual(await h.call('host.get_vms_which_prevent_evacuation', hostRef), {
    [vm]: ['NO_HOSTS_AVAILABLE', vm],
  });
  await failure(h.call('host.assert_can_evacuate', hostRef), 'CANNOT_EVACUATE_HOST', [
    `NO_HOSTS_AVAILABLE,${vm}`,
  ]);
  const evac = await h.xe('host-evacuate', `uuid=${host}`);
  assert.equal(evac.code, 1);
  assert.match(evac.stderr, /^There were no servers available/);
  await failure(h.call('host.evacuate', hostRef, 'OpaqueRef:NULL', 0), 'NO_HOSTS_AVAILABLE', [vm]);
  assert.equal((await h.xe('vm-param-get', `uuid=${vmUuid}`, 'param-name=power-state')).stdout, 'running\n');

  // With nothing running there is nothing to move.
  assert.equal((await h.xe('vm-shutdown', `uuid=${vmUuid}`, '--force')).code, 0);
  assert.equal((await h.xe('host-get-vms-which-prevent-evacuation', `uuid=${host}`)).stdout, '');
  assert.equal((await h.xe('host-evacuate', `uuid=${host}`, 'batch-size=2')).code, 0);
  assert.equal((await h.call('host.assert_can_evacuate', hostRef)) ?? '', '');
  assert.equal((await h.xe('host-evacuate', `uuid=${host}`, 'batch-size=x')).code, 1);
  // Clients of before the network and batch-size parameters call it with the host alone.
  assert.equal((await h.call('host.evacuate', hostRef)) ?? '', '');

  assert.deepEqual(await h.xe('pool-sync-database'), { code: 0, stdout: '', stderr: '' });

  // host-dmesg prints the kernel log, as dmesg run here does (or fails as it does).
  const direct = spawnSync('dmesg', { encoding: 'utf8' });
  const log = await h.xe('host-dmesg', `uuid=${host}`);
  if (direct.status === 0) {
    assert.equal(log.code, 0, log.stderr);
    assert.equal(log.stdout.split('\n')[0], direct.stdout.split('\n')[0]);
  } else {
    assert.equal(log.code, 1);
    assert.match(log.stderr, /^The server failed to handle your request/);
  }
});

test('host-reboot shuts the running VMs down, runs the reboot command and stops the toolstack', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'host-power-'));
  const record = join(dir, 'record');
  let down!: () => void;
  let wentDown = new Promise<void>((r) => (down = r));
  try {
    const power = {
      poweroffCommand: `echo poweroff >> '${record}'`,
      rebootCommand: `echo reboot >> '${record}'`,
      delayMs: 0,
      bootId: 'boot-1',
      onToolstackDown: () => down(),
    };
    const stateDir = join(dir, 'state');
    {
      await using h = await startXe({ toolstack: true, xapi: { stateDir, power } });
      const host = (await h.xe('host-list', '--minimal')).stdout.trim();
      const { vm } = await makeVm(h.client, 'db1');
      const vmUuid = String(await h.call('VM.get_uuid', vm));
      assert.equal((await h.xe('vm-start', `uuid=${vmUuid}`)).code, 0);
      assert.equal((await h.xe('host-disable', `uuid=${host}`)).code, 0);
      assert.deepEqual(await h.xe('host-reboot', `uuid=${host}`), { code: 0, stdout: '', stderr: '' });
      await wentDown;
      assert.equal(readFileSync(record, 'utf8'), 'reboot\n');
      // The VM was shut down before the command ran, and the state is on disk.
      const db = h.server.xapi.services.db;
      assert.equal(db.get('VM', vm)['power_state'], 'Halted');
    }
    // The toolstack comes back on the same boot (the command did not reboot anything):
    // the host stays disabled and cannot be enabled until the machine has restarted.
    {
      await using again = await startToolstack({
        stateDir,
        power: { ...power, rebootCommand: 'false', onToolstackDown: () => down() },
      });
      const c = await again.client();
      const host = (await c.host.get_all())[0] as string;
      assert.equal(await c.host.get_enabled(host), false);
      assert.deepEqual(await c.host.get_current_operations(host), {});
      await failure(c.host.enable(host), 'HOST_DISABLED_UNTIL_REBOOT', [host]);
      // A reboot whose command fails leaves the toolstack up and the host re-enableable.
      await c.host.reboot(host);
      await untilObject(
        c,
        'host',
        host,
        (s) =>
          typeof s['current_operations'] === 'object' &&
          Object.keys(s['current_operations'] ?? {}).length === 0,
        'the failed reboot to end',
      );
      assert.deepEqual(await c.host.get_current_operations(host), {});
      await c.host.enable(host);
      assert.equal(await c.host.get_enabled(host), true);
      await c.host.disable(host);
      wentDown = new Promise<void>((r) => (down = r));
      await c.host.shutdown(host);
      await wentDown;
      assert.equal(readFileSync(record, 'utf8'), 'reboot\npoweroff\n');
    }
    // After the machine has restarted (a new boot id) the host starts enabled, as after a reboot.
    {
      await using later = await startToolstack({ stateDir, power: { ...power, bootId: 'boot-2' } });
      const c = await later.client();
      const host = (await c.host.get_all())[0] as string;
      assert.equal(await c.host.get_enabled(host), true);
    }
    assert.ok(!existsSync(join(stateDir, 'host-local.json')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
