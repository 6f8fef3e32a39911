// host.* housekeeping messages through the XenAPI: the host name, memory
// figures, logs and debug keys, status capabilities, syslog and bug-report
// scripts, and the management interface moving the HTTPS listener.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonRpcTransport } from '../src/client/transport.js';
import { XapiClient } from '../src/client/generated.js';
import { serverFields } from '../src/xapi/records.js';
import { startTestServer, TEST_PASSWORD } from './support/xapi-server.js';
import { startToolstack } from './support/toolstack.js';
import { makeVm } from './support/vm-builder.js';
import { failure } from './support/failure.js';

/** An executable that appends its arguments and two variables to `log`, then exits with `status`. */
function recorder(dir: string, name: string, status = 0): { path: string; log: string } {
  const path = join(dir, name);
  const log = join(dir, `${name}.log`);
  writeFileSync(path, `#!/bin/sh\necho "$* INPUT_URL=$INPUT_URL PROXY=$PROXY" >> ${log}\nexit ${status}\n`);
  chmodSync(path, 0o755);
  return { path, log };
}

test('host.set_hostname_live: xapi’s checks; the record, and the machine only through the configured command', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xapi-ts-hostname-'));
  try {
    const cmd = recorder(dir, 'set-hostname');
    await using srv = await startTestServer({ inMemory: true, toolstack: { setHostnameCommand: cmd.path } });
    const c = await srv.client();
    const host = (await c.host.get_all())[0] as string;
    await failure(c.host.set_hostname_live(host, ''), 'HOST_NAME_INVALID', ['hostname empty']);
    await failure(c.host.set_hostname_live(host, 'x'.repeat(256)), 'HOST_NAME_INVALID', [
      'hostname is too long',
    ]);
    for (const bad of ['-a', 'a-', 'a_b', 'a b'])
      await failure(c.host.set_hostname_live(host, bad), 'HOST_NAME_INVALID', [
        'hostname contains invalid characters',
      ]);
    await c.host.set_hostname_live(host, 'node-7.example');
    assert.equal(await c.host.get_hostname(host), 'node-7.example');
    // xapi names the control domain after the host
    assert.equal(
      await c.VM.get_name_label(await c.host.get_control_domain(host)),
      'Control domain on host: node-7.example',
    );
    assert.equal(readFileSync(cmd.log, 'utf8'), 'node-7.example INPUT_URL= PROXY=\n');

    // without a command only the record changes
    await using plain = await startTestServer({ inMemory: true });
    const p = await plain.client();
    const h = (await p.host.get_all())[0] as string;
    await p.host.set_hostname_live(h, 'renamed');
    assert.equal(await p.host.get_hostname(h), 'renamed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('host.compute_free_memory: what resident VMs may claim is taken off; compute_memory_overhead is the host’s', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const host = (await c.host.get_all())[0] as string;
  const total = (await c.host_metrics.get_record(await c.host.get_metrics(host))).memory_total;
  const overhead = await c.host.get_memory_overhead(host);
  assert.equal(await c.host.compute_memory_overhead(host), overhead);
  const before = await c.host.compute_free_memory(host);
  // what runs already (the control domain) counts with its dynamic_min and overhead
  let claimed = 0;
  for (const vm of await c.host.get_resident_VMs(host)) {
    const r = await c.VM.get_record(vm);
    claimed += r.memory_dynamic_min + r.memory_overhead;
  }
  assert.equal(before, Math.max(0, total - overhead - claimed));
  const { vm } = await makeVm(c);
  await c.VM.start(vm, false, false);
  const r = await c.VM.get_record(vm);
  assert.equal(
    await c.host.compute_free_memory(host),
    Math.max(0, before - r.memory_dynamic_min - r.memory_overhead),
  );
  await c.VM.hard_shutdown(vm);
  assert.equal(await c.host.compute_free_memory(host), before);
});

test('host messages xapi leaves unimplemented, debug keys, and the deprecated uncooperative list', async () => {
  await using srv = await startTestServer({ inMemory: true });
  const c = await srv.client();
  const host = (await c.host.get_all())[0] as string;
  await failure(c.host.get_log(host), 'NOT_IMPLEMENTED', ['get_log']);
  await failure(c.host.dmesg_clear(host), 'NOT_IMPLEMENTED', ['dmesg_clear']);
  await failure(c.host.send_debug_keys(host, 'q'), 'NOT_IMPLEMENTED', ['send_debug_keys']);
  assert.deepEqual(await c.host.get_uncooperative_resident_VMs(host), []);
});

test('host.get_system_status_capabilities: xen-bugtool’s XML, sizes measured', async () => {
  await using srv = await startTestServer();
  const c = await srv.client();
  const host = (await c.host.get_all())[0] as string;
  const xml = await c.host.get_system_status_capabilities(host);
  assert.match(xml, /^<\?xml version="1.0" \?>\n<system-status-capabilities>\n/);
  assert.match(xml, /<\/system-status-capabilities>\n$/);
  const caps = [...xml.matchAll(/<capability ([^>]*) \/>/g)].map((m) =>
    Object.fromEntries([...(m[1] ?? '').matchAll(/([a-z-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
  );
  assert.deepEqual(
    caps.map((x) => x['key']),
    ['xapi-database', 'rrd-archives', 'kernel-log'],
  );
  for (const cap of caps)
    for (const attr of [
      'content-type',
      'default-checked',
      'max-size',
      'max-time',
      'min-size',
      'min-time',
      'pii',
    ])
      assert.ok(attr in cap, `${String(cap['key'])} has ${attr}`);
  assert.equal(Number(caps[0]?.['max-size']), statSync(join(srv.stateDir, 'xapi.db')).size);
});

test('host.syslog_reconfigure and bugreport_upload run their scripts with xapi’s arguments', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xapi-ts-scripts-'));
  try {
    const syslog = recorder(dir, 'xe-syslog-reconfigure');
    const upload = recorder(dir, 'host-bugreport-upload');
    const refused = recorder(dir, 'refused-upload', 7);
    await using none = await startTestServer({ inMemory: true });
    const n = await none.client();
    const h = (await n.host.get_all())[0] as string;
    await failure(n.host.syslog_reconfigure(h), 'NOT_IMPLEMENTED', ['syslog_reconfigure']);
    await failure(n.host.bugreport_upload(h, 'https://example.invalid/up', {}), 'NOT_IMPLEMENTED', [
      'bugreport_upload',
    ]);

    await using srv = await startTestServer({
      inMemory: true,
      toolstack: { syslogReconfigureCommand: syslog.path, bugreportUploadCommand: upload.path },
    });
    const c = await srv.client();
    const host = (await c.host.get_all())[0] as string;
    await c.host.syslog_reconfigure(host);
    await c.host.set_logging(host, { syslog_destination: 'logs.example:514' });
    await c.host.syslog_reconfigure(host);
    await c.host.set_logging(host, { syslog_destination: 'a; rm -rf /' });
    await failure(c.host.syslog_reconfigure(host), 'INVALID_VALUE', [
      'logging:syslog_destination',
      'a; rm -rf /',
    ]);
    assert.equal(
      readFileSync(syslog.log, 'utf8'),
      '--noremote INPUT_URL= PROXY=\n--remote=logs.example:514 INPUT_URL= PROXY=\n',
    );

    await failure(c.host.bugreport_upload(host, '', {}), 'INVALID_VALUE', ['url', '']);
    await c.host.bugreport_upload(host, 'https://support.example/upload', {
      http_proxy: 'http://proxy:3128',
    });
    assert.equal(
      readFileSync(upload.log, 'utf8'),
      ' INPUT_URL=https://support.example/upload PROXY=http://proxy:3128\n',
    );
    await using bad = await startTestServer({
      inMemory: true,
      toolstack: { bugreportUploadCommand: refused.path },
    });
    const b = await bad.client();
    const bh = (await b.host.get_all())[0] as string;
    await failure(b.host.bugreport_upload(bh, 'https://x.example/', {}), 'INTERNAL_ERROR', [
      'Failed to connect to host',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the management interface: a PIF without an address is refused; changing it moves the HTTPS listener', async () => {
  await using srv = await startTestServer({ inMemory: true, https: { host: '127.0.0.1', port: 0 } });
  const c = await srv.client();
  const host = (await c.host.get_all())[0] as string;
  const port = srv.xapi.httpsPort as number;
  const db = srv.xapi.services.db;
  const network = (await c.network.get_all())[0] as string;
  const pif = (device: string, extra: Record<string, unknown>) =>
    db.create(
      'PIF',
      serverFields('PIF', { device, host, network, MAC: '', MTU: 1500, VLAN: -1, physical: true, ...extra }),
    );
  const noIp = pif('dummy0', { ip_configuration_mode: 'None', IP: '' });
  const noV6 = pif('dummy1', {
    primary_address_type: 'IPv6',
    ipv6_configuration_mode: 'None',
    IP: '127.0.0.3',
  });
  const loop2 = pif('dummy2', { ip_configuration_mode: 'Static', IP: '127.0.0.2', netmask: '255.0.0.0' });
  const https = async (address: string) => {
    const t = jsonRpcTransport({ url: `https://${address}:${port}`, rejectUnauthorized: false });
    try {
      const x = new XapiClient(t);
      await x.login('root', TEST_PASSWORD);
      return (await x.host.get_all())[0];
    } finally {
      t.close();
    }
  };
  assert.equal(await https('127.0.0.1'), host);

  await failure(c.host.management_reconfigure(noIp), 'PIF_HAS_NO_NETWORK_CONFIGURATION', [noIp]);
  await failure(c.host.management_reconfigure(noV6), 'PIF_HAS_NO_V6_NETWORK_CONFIGURATION', [noV6]);
  await failure(c.host.local_management_reconfigure('dummy2'), 'POOL_NOT_IN_EMERGENCY_MODE', []);

  await c.host.management_reconfigure(loop2);
  assert.equal(await c.host.get_management_interface(host), loop2);
  assert.equal(await c.host.get_address(host), '127.0.0.2');
  for (const p of await c.PIF.get_all()) assert.equal(await c.PIF.get_management(p), p === loop2);
  assert.equal(await https('127.0.0.2'), host);
  await assert.rejects(https('127.0.0.1'), /ECONNREFUSED/);
  await c.host.management_reconfigure(loop2); // already it: nothing changes
  assert.equal(await https('127.0.0.2'), host);

  await c.host.management_disable();
  await failure(c.host.get_management_interface(host), 'INTERNAL_ERROR');
  assert.equal(await https('127.0.0.1'), host);
  await assert.rejects(https('127.0.0.2'), /ECONNREFUSED/);

  db.update('pool', (await c.pool.get_all())[0] as string, { ha_enabled: true });
  await failure(c.host.management_reconfigure(loop2), 'HA_IS_ENABLED', []);
  await failure(c.host.management_disable(), 'HA_IS_ENABLED', []);
});
