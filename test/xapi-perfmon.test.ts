// perfmon on the simulator: thresholds set in other_config:perfmon of a VM,
// the host and an SR, evaluated over rrdd's rows, raise ALARM messages seen
// through event.from and message.get; the auto-inhibit period holds the next
// one back. rrdd's and perfmon's clocks are stepped: nothing waits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startToolstack } from './support/toolstack.js';
import { startSteppedRrdd } from './support/rrdd.js';
import { makeVm } from './support/vm-builder.js';
import { untilMessage } from './support/messages.js';

const EPOCH = '19700101T00:00:00Z';

test('a perfmon threshold crossed raises an ALARM, then none for the auto-inhibit period', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'xapi-ts-perfmon-'));
  const rd = await startSteppedRrdd(stateDir);
  try {
    await using ts = await startToolstack({
      stateDir,
      rrdd: {
        target: rd.target,
        metricsEveryMs: 3_600_000,
        // runs are made by the test; the first reads the last 5 minutes, 5 s rows
        perfmon: { clock: rd.clock, intervalMs: 300_000, rrdStepS: 5, log: () => {} },
      },
    });
    const perfmon = ts.xapi.perfmon;
    assert.ok(perfmon);
    const c = await ts.client();
    const { vm } = await makeVm(c, 'watched');
    const uuid = await c.VM.get_uuid(vm);
    const host = (await c.host.get_all())[0] as string;
    const hostUuid = await c.host.get_uuid(host);
    await c.VM.start(vm, false, false);

    // the guest's free memory is far below this level (low sense: bad below), for 10 s;
    // its CPU never reaches a level of 1e9
    await c.VM.add_to_other_config(
      vm,
      'perfmon',
      '<config>' +
        '<variable><name value="memory_internal_free"/><alarm_trigger_level value="1e15"/>' +
        '<alarm_trigger_period value="10"/><alarm_priority value="2"/></variable>' +
        '<variable><name value="cpu_usage"/><alarm_trigger_level value="1e9"/><alarm_trigger_period value="5"/></variable>' +
        '</config>',
    );
    await c.host.add_to_other_config(
      host,
      'perfmon',
      '<config><variable><name value="memory_free_kib"/><alarm_trigger_level value="1e15"/>' +
        '<alarm_trigger_period value="5"/></variable></config>',
    );
    const sr = await c.pool.get_default_SR((await c.pool.get_all())[0] as string);
    const srUuid = await c.SR.get_uuid(sr);
    const used = await c.SR.get_physical_utilisation(sr);
    const size = await c.SR.get_physical_size(sr);
    // half its present usage: the SR counts as nearly full
    const level = size > 0 && used > 0 ? (used / size) * 0.5 : -1;
    await c.SR.add_to_other_config(
      sr,
      'perfmon',
      `<config><variable><name value="physical_utilisation"/><alarm_trigger_level value="${level}"/></variable></config>`,
    );

    await rd.cycles(6);
    const made = await perfmon.runOnce();
    const alarm = await untilMessage(c, 'ALARM', uuid, 10);
    assert.equal(alarm.cls, 'VM');
    assert.equal(alarm.priority, 2);
    const [first, ...rest] = alarm.body.split('\n');
    assert.match(first ?? '', /^value: \d+\.\d{6}$/);
    assert.equal(
      rest.join('\n'),
      'config:\n<variable>\n\t<name value="memory_internal_free"/>\n\t<alarm_trigger_level value="1e15"/>\n' +
        '\t<alarm_trigger_period value="10"/>\n\t<alarm_priority value="2"/>\n</variable>\n',
    );
    const alarmOf = async (cls: 'Host' | 'SR', objUuid: string) => {
      const ms = Object.values(await c.message.get(cls, objUuid, EPOCH)).filter((m) => m.name === 'ALARM');
      assert.equal(ms.length, 1, `one ALARM about the ${cls}`);
      return ms[0] as (typeof ms)[number];
    };
    const hostAlarm = await alarmOf('Host', hostUuid);
    assert.equal(hostAlarm.cls, 'Host');
    assert.equal(hostAlarm.priority, 3);
    assert.match(hostAlarm.body, /<name value="memory_free_kib"\/>/);
    const srAlarm = await alarmOf('SR', srUuid);
    assert.equal(srAlarm.cls, 'SR');
    assert.match(srAlarm.body, /<name value="physical_utilisation"\/>/);
    assert.equal(made.length, 3, 'one alarm each: the VM, the host and the SR; none for cpu_usage');

    // within the auto-inhibit period (an hour by default) the levels stay bad and nothing new comes
    await rd.cycles(6);
    assert.deepEqual(await perfmon.runOnce(), []);
    const vmAlarms = Object.values(await c.message.get('VM', uuid, EPOCH)).filter((m) => m.name === 'ALARM');
    assert.equal(vmAlarms.length, 1);

    // a configuration with no inhibit period alarms again at the next run
    await c.VM.remove_from_other_config(vm, 'perfmon');
    await c.VM.add_to_other_config(
      vm,
      'perfmon',
      '<config><variable><name value="memory_internal_free"/><alarm_trigger_level value="1e15"/>' +
        '<alarm_trigger_period value="5"/><alarm_auto_inhibit_period value="0"/></variable></config>',
    );
    await rd.cycles(1);
    const again = await perfmon.runOnce();
    assert.equal(again.length, 1);
    assert.equal((await c.message.get_record(again[0] as string)).obj_uuid, uuid);
  } finally {
    await rd.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
});
