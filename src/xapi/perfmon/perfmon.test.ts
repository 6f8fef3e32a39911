// perfmon's configuration and evaluation: xapi's defaults per kind of object,
// the alarm body perfmon writes, trigger periods counted in RRD steps, and the
// auto-inhibit period.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePerfmonConfig, type VariableConfig } from './config.js';
import { alarmBody, evaluate, initialState, step } from './evaluate.js';
import { parseXml, prettyXml } from './xml.js';

function one(kind: 'VM' | 'Host' | 'SR', xml: string): VariableConfig {
  const c = parsePerfmonConfig(kind, xml);
  assert.deepEqual(c.errors, []);
  assert.equal(c.variables.length, 1);
  return c.variables[0] as VariableConfig;
}

test("a VM's cpu_usage takes xapi's defaults", () => {
  const v = one(
    'VM',
    '<config><variable><name value="cpu_usage"/><alarm_trigger_level value="0.5"/></variable></config>',
  );
  assert.equal(v.name, 'cpu_usage');
  assert.equal(v.consolidation, 'average');
  assert.equal(v.rrdRegex.source, '^cpu[0-9]+$');
  assert.equal(v.triggerLevel, 0.5);
  assert.equal(v.triggerPeriodS, 60);
  assert.equal(v.autoInhibitPeriodS, 3600);
  assert.equal(v.sense, 'high');
  assert.equal(v.priority, 3);
  assert.ok(v.rrdRegex.test('cpu0') && v.rrdRegex.test('cpu12') && !v.rrdRegex.test('cpu_avg'));
});

test('defaults per kind: network, disk, memory, SR usage', () => {
  const vm = parsePerfmonConfig(
    'VM',
    `<config>
       <variable><name value="network_usage"/><alarm_trigger_level value="1e6"/></variable>
       <variable><name value="disk_usage"/><alarm_trigger_level value="1e6"/></variable>
       <variable><name value="memory_internal_free"/><alarm_trigger_level value="1024"/></variable>
     </config>`,
  );
  assert.deepEqual(vm.errors, []);
  const [net, disk, mem] = vm.variables as VariableConfig[];
  assert.ok(net && disk && mem);
  assert.equal(net.consolidation, 'sum');
  assert.ok(
    net.rrdRegex.test('vif_0_rx') && net.rrdRegex.test('vif_3_tx') && !net.rrdRegex.test('vif_0_rx_errors'),
  );
  assert.ok(disk.rrdRegex.test('vbd_xvda_read') && disk.rrdRegex.test('vbd_hdb_write'));
  assert.ok(!disk.rrdRegex.test('vbd_xvda_iops_read'));
  assert.equal(mem.sense, 'low');
  assert.ok(mem.rrdRegex.test('memory_internal_free'));

  const host = one(
    'Host',
    '<config><variable><name value="memory_free_kib"/><alarm_trigger_level value="2048"/></variable></config>',
  );
  assert.equal(host.sense, 'low');
  assert.equal(host.consolidation, 'sum');
  assert.ok(
    one(
      'Host',
      '<config><variable><name value="network_usage"/><alarm_trigger_level value="1"/></variable></config>',
    ).rrdRegex.test('pif_eth0_tx'),
  );
  assert.equal(
    one(
      'Host',
      '<config><variable><name value="sr_io_throughput_total_0123abcd"/><alarm_trigger_level value="1"/></variable></config>',
    ).rrdRegex.source,
    '^io_throughput_total_0123abcd$',
  );

  const sr = one('SR', '<config><variable><name value="physical_utilisation"/></variable></config>');
  assert.equal(sr.consolidation, 'get_percent_sr_usage');
  assert.equal(sr.triggerLevel, 0.8);
  assert.ok(sr.rrdRegex.test('physical_utilisation') && sr.rrdRegex.test('size'));
});

test('every tag given explicitly overrides its default', () => {
  const v = one(
    'Host',
    `<config><variable>
       <name value="load"/><rrd_regex value="loadavg"/><consolidation_fn value="max"/>
       <alarm_trigger_level value="4"/><alarm_trigger_period value="10"/>
       <alarm_auto_inhibit_period value="20"/><alarm_trigger_sense value="low"/><alarm_priority value="2"/>
     </variable></config>`,
  );
  assert.deepEqual(
    [v.consolidation, v.triggerLevel, v.triggerPeriodS, v.autoInhibitPeriodS, v.sense, v.priority],
    ['max', 4, 10, 20, 'low', 2],
  );
  assert.ok(v.rrdRegex.test('loadavg'));
});

test('configuration errors name the variable; the valid ones are kept', () => {
  const c = parsePerfmonConfig(
    'VM',
    `<config>
       <variable><name value="cpu_usage"/></variable>
       <variable><name value="mystery"/><alarm_trigger_level value="1"/></variable>
       <variable><name value="x"/><rrd_regex value="x"/><alarm_trigger_level value="high"/></variable>
       <variable><name value="y"/><rrd_regex value="("/><alarm_trigger_level value="1"/></variable>
       <variable><name value="z"/><rrd_regex value="z"/><alarm_trigger_level value="1"/><alarm_trigger_period value="1.5"/></variable>
       <variable><name value="ok"/><rrd_regex value="memory"/><alarm_trigger_level value="1"/></variable>
       <variable><alarm_trigger_level value="1"/></variable>
     </config>`,
  );
  assert.deepEqual(c.errors, [
    'variable cpu_usage: no default alarm_trigger_level - please specify one',
    'variable mystery: no default rrd_regex - please specify one',
    'variable x: alarm_trigger_level high not a float',
    'variable y: regex ( does not compile',
    'variable z: alarm_trigger_period 1.5 not an int',
    "variable missing 'name' tag",
  ]);
  assert.deepEqual(
    c.variables.map((v) => v.name),
    ['ok'],
  );
  assert.match(parsePerfmonConfig('VM', '<config><variable>').errors[0] ?? '', /^XML parse error: unclosed/);
  assert.deepEqual(
    parsePerfmonConfig('VM', '<config><variable><name value="fs_usage"/></variable></config>').errors,
    ['variable fs_usage: consolidation function get_percent_fs_usage reads dom0 and is not supported here'],
  );
});

test("the alarm body is perfmon's: the value with %f, then the variable pretty-printed", () => {
  const v = one(
    'VM',
    '<?xml version="1.0"?><config><variable><name value="cpu_usage"/><alarm_trigger_level value="0.5"/></variable></config>',
  );
  assert.equal(
    alarmBody({ variable: v, value: 0.95 }),
    'value: 0.950000\nconfig:\n<variable>\n\t<name value="cpu_usage"/>\n\t<alarm_trigger_level value="0.5"/>\n</variable>\n',
  );
  assert.equal(alarmBody({ variable: v, value: NaN }).split('\n')[0], 'value: nan');
  assert.equal(
    prettyXml(parseXml('<a x="&lt;&amp;&quot;"><b/></a>')),
    '<a x="&lt;&amp;&quot;">\n\t<b/>\n</a>\n',
  );
});

test('an alarm needs the level bad for the trigger period, counted in RRD steps', () => {
  const v = one(
    'VM',
    '<config><variable><name value="cpu_usage"/><alarm_trigger_level value="0.5"/></variable></config>',
  );
  const now = 1_000_000;
  let s = initialState(v, now);
  const feed = (value: number): boolean => {
    const r = step(v, s, value, now, 5);
    s = r.state;
    return r.alarm;
  };
  // 60 s at 5 s a row: the twelfth bad row alarms
  for (let i = 0; i < 11; i++) assert.equal(feed(0.9), false, `row ${i}`);
  // one good row starts the count again
  assert.equal(feed(0.1), false);
  for (let i = 0; i < 11; i++) assert.equal(feed(0.9), false);
  assert.equal(feed(0.9), true);
  assert.equal(s.lastAlarmS, now);
  // exactly at the level is not above it
  assert.equal(v.sense, 'high');
  assert.equal(step(v, initialState(v, now), 0.5, now, 60).alarm, false);
  assert.equal(step(v, initialState(v, now), 0.51, now, 60).alarm, true);
});

test('after an alarm, none for the auto-inhibit period; then the next one', () => {
  const v = one(
    'Host',
    `<config><variable><name value="memory_free_kib"/><alarm_trigger_level value="1000"/>
       <alarm_trigger_period value="10"/><alarm_auto_inhibit_period value="300"/></variable></config>`,
  );
  const samples = (values: number[]) => ({
    names: ['memory_free_kib', 'memory_total_kib'],
    rows: values.map((x) => [x, 8e6]),
  });
  const t0 = 5_000_000;
  // low sense: bad below 1000; two 5 s rows make the 10 s period
  let r = evaluate([v], new Map(), samples([500, 500, 500, 500]), t0, 5);
  assert.deepEqual(
    r.alarms.map((a) => a.value),
    [500],
    'the second alarm of the same run falls in the inhibit period',
  );
  r = evaluate([v], r.states, samples([400, 400]), t0 + 299, 5);
  assert.equal(r.alarms.length, 0);
  r = evaluate([v], r.states, samples([300, 300]), t0 + 300, 5);
  assert.deepEqual(
    r.alarms.map((a) => a.value),
    [300],
  );
  // high values are good for a low-sense variable
  assert.equal(evaluate([v], new Map(), samples([5000, 5000, 5000]), t0, 5).alarms.length, 0);
});

test('consolidation over the matching data sources', () => {
  const names = ['cpu0', 'cpu1', 'cpu_avg', 'physical_utilisation', 'size', 'memory'];
  const row = [0.2, 0.6, 0.99, 90, 100, 7];
  const run = (kind: 'VM' | 'SR', xml: string) =>
    evaluate(parsePerfmonConfig(kind, xml).variables, new Map(), { names, rows: [row] }, 0, 60).alarms.map(
      (a) => a.value,
    );
  // average of cpu0 and cpu1 (0.4) is below 0.45, above 0.35
  assert.deepEqual(
    run(
      'VM',
      '<config><variable><name value="cpu_usage"/><alarm_trigger_level value="0.45"/></variable></config>',
    ),
    [],
  );
  assert.deepEqual(
    run(
      'VM',
      '<config><variable><name value="cpu_usage"/><alarm_trigger_level value="0.35"/></variable></config>',
    ).map((x) => x.toFixed(2)),
    ['0.40'],
  );
  assert.deepEqual(
    run('SR', '<config><variable><name value="physical_utilisation"/></variable></config>'),
    [0.9],
  );
  assert.deepEqual(
    run(
      'VM',
      '<config><variable><name value="m"/><rrd_regex value="cpu[01]|memory"/><consolidation_fn value="max"/><alarm_trigger_level value="6"/></variable></config>',
    ),
    [7],
  );
});
