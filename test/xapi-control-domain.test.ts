// The control domain: one VM per host with is_control_domain, Running,
// resident on the host, domid 0, with the host's CPUs and memory in its
// record and its VM_metrics; the same record after a restart; lifecycle
// operations refused as xapi refuses them; its console for pool admins only;
// xe vm-list shows it, as xe does, unless asked for is-control-domain=false.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { XapiClient } from '../src/client/generated.js';
import { serverFields } from '../src/xapi/records.js';
import { startTestServer } from './support/xapi-server.js';
import { failure } from './support/failure.js';
import { userWithRole } from './support/users.js';
import { create, startXe } from './cli/support.js';

async function controlDomains(c: XapiClient): Promise<string[]> {
  const all = await c.VM.get_all_records();
  return Object.entries(all)
    .filter(([, r]) => r.is_control_domain)
    .map(([ref]) => ref);
}

test("each host has one control domain: Running, resident, domid 0, the host's CPUs and memory, kept across restarts", async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'xapi-ts-dom0-'));
  try {
    let first: { ref: string; uuid: string };
    {
      await using server = await startTestServer({ stateDir });
      const c = await server.client();
      const host = (await c.host.get_all())[0] as string;
      const doms = await controlDomains(c);
      assert.equal(doms.length, 1, 'exactly one control domain');
      const ref = doms[0] as string;
      const vm = await c.VM.get_record(ref);
      assert.equal(vm.power_state, 'Running');
      assert.equal(vm.resident_on, host);
      assert.equal(vm.domid, 0);
      assert.equal(vm.is_a_template, false);
      assert.equal(await c.host.get_control_domain(host), ref);
      assert.ok((await c.host.get_resident_VMs(host)).includes(ref), 'resident on its host');
      assert.equal(vm.name_label, `Control domain on host: ${await c.host.get_hostname(host)}`);
      const cpus = (await c.host.get_host_CPUs(host)).length;
      assert.equal(vm.VCPUs_max, cpus);
      assert.equal(vm.VCPUs_at_startup, cpus);
      const total = await c.host_metrics.get_memory_total(await c.host.get_metrics(host));
      assert.equal(vm.memory_static_max, total);
      assert.equal(vm.memory_dynamic_min, total, "a control domain's memory is pinned");
      const metrics = await c.VM_metrics.get_record(vm.metrics);
      assert.equal(metrics.memory_actual, total);
      assert.equal(metrics.VCPUs_number, cpus);
      first = { ref, uuid: vm.uuid };
    }
    await using again = await startTestServer({ stateDir });
    const c = await again.client();
    assert.deepEqual(await controlDomains(c), [first.ref], 'the same record after a restart');
    assert.equal(await c.VM.get_uuid(first.ref), first.uuid);
    assert.equal(await c.VM.get_power_state(first.ref), 'Running');
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
});

test('lifecycle operations on a control domain are refused as xapi refuses them', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const dom0 = (await controlDomains(c))[0] as string;
  const notAllowed = ['This operation is not allowed on a control domain'];
  await failure(c.VM.clean_shutdown(dom0), 'OPERATION_NOT_ALLOWED', notAllowed);
  await failure(c.VM.hard_shutdown(dom0), 'OPERATION_NOT_ALLOWED', notAllowed);
  await failure(c.VM.clean_reboot(dom0), 'OPERATION_NOT_ALLOWED', notAllowed);
  await failure(c.VM.hard_reboot(dom0), 'OPERATION_NOT_ALLOWED', notAllowed);
  await failure(c.VM.suspend(dom0), 'OPERATION_NOT_ALLOWED', notAllowed);
  await failure(c.VM.pause(dom0), 'OPERATION_NOT_ALLOWED', notAllowed);
  await failure(c.VM.snapshot(dom0, 'dom0 snapshot', []), 'OPERATION_NOT_ALLOWED', notAllowed);
  // xapi checks the power state first: a Running domain can be neither started nor destroyed.
  await failure(c.VM.start(dom0, false, false), 'VM_BAD_POWER_STATE');
  await failure(c.VM.destroy(dom0), 'VM_BAD_POWER_STATE');
  const allowed = await c.VM.get_allowed_operations(dom0);
  for (const op of ['start', 'clean_shutdown', 'hard_shutdown', 'destroy', 'suspend', 'clone'] as const) {
    assert.ok(!allowed.includes(op), `${op} is not advertised`);
  }
  assert.equal(await c.VM.get_power_state(dom0), 'Running', 'still running');
});

test("the control domain's console takes a pool admin (http/connect_console/host_console)", async () => {
  await using server = await startTestServer();
  const admin = await server.client();
  const dom0 = (await controlDomains(admin))[0] as string;
  // A console record on the control domain, as xapi has for the host's console.
  const consoleRef = server.xapi.services.db.create(
    'console',
    serverFields('console', { protocol: 'vt100', location: '', VM: dom0, other_config: {} }),
  );
  await userWithRole(admin, 'olga', 'vm-operator');
  const olga = await server.client('olga', 'olga-pw');
  const port = Number(new URL(server.url).port);
  const connectAs = (session: string) =>
    new Promise<string>((resolve, reject) => {
      const s = connect(port, '127.0.0.1');
      let got = '';
      s.on('data', (d: Buffer) => (got += d.toString()));
      s.once('error', reject);
      s.once('close', () => resolve(got));
      s.write(`CONNECT /console?ref=${consoleRef}&session_id=${session} HTTP/1.0\r\n\r\n`);
    });
  const refused = await connectAs(olga.sessionRef);
  assert.match(refused, /^HTTP\/1\.0 403/);
  assert.match(refused, /RBAC_PERMISSION_DENIED http\/connect_console\/host_console /);
  // A pool admin passes the check (there is no console server behind it here).
  assert.match(await connectAs(admin.sessionRef), /^HTTP\/1\.0 503/);
});

test('xe vm-list shows the control domain, as xe does, and hides it with is-control-domain=false', async () => {
  await using h = await startXe();
  const [, guest] = await create(h, 'VM', { name_label: 'guest' });
  const dom0 = (await controlDomains(h.client))[0] as string;
  const dom0Uuid = await h.client.VM.get_uuid(dom0);
  const all = (await h.xe('vm-list', '--minimal')).stdout.trim().split(',').sort();
  assert.deepEqual(all, [guest, dom0Uuid].sort());
  assert.equal((await h.xe('vm-list', 'is-control-domain=false', '--minimal')).stdout, `${guest}\n`);
  assert.equal((await h.xe('vm-list', 'is-control-domain=true', '--minimal')).stdout, `${dom0Uuid}\n`);
});
