// help, bash completion, tasks, event-wait and network-create against a live server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { create, startXe } from './support.js';
import { countCalls } from '../support/spy.js';

test('help lists the common commands, every command with --all, and one command in detail', async () => {
  await using h = await startXe();
  const help = await h.xe('help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Common command list\n-------------------\n\n {4}.*vm-list/);
  const all = (await h.xe('help', '--all', '--minimal')).stdout.trim().split(',');
  for (const n of [
    'vm-list',
    'vm-param-set',
    'host-param-list',
    'pool-param-get',
    'task-cancel',
    'event-wait',
    'vm-start',
    'console',
  ]) {
    assert.ok(all.includes(n), n);
  }
  const full = await h.xe('help', '--all');
  assert.match(full.stdout, /Full command list\n-----------------\n\n {4}host-/);
  const one = await h.xe('help', 'vm-param-get');
  assert.equal(
    one.stdout,
    'command name            : vm-param-get\n' +
      '        reqd params     : uuid, param-name\n' +
      '        optional params : param-key\n' +
      "        description     : Gets the parameter specified of the object. If the parameter is a map of key=value pairs, use 'param-key=<key>' to get the value associated with a particular key.\n\n\n",
  );
  assert.match(
    (await h.xe('help', 'vm-start')).stdout,
    /optional params : force, on, paused, <vm-selectors>\n/,
  );
  assert.equal((await h.xe('help', 'nope')).stdout, "Unknown command 'nope'\n");
});

test('bash completion is valid bash and completes commands and parameters', async () => {
  await using h = await startXe();
  const script = (await h.xe('bash-completion')).stdout;
  const check = spawnSync('bash', ['-n'], { input: script });
  assert.equal(check.status, 0, check.stderr.toString());
  const run = (words: string[]) =>
    spawnSync('bash', [
      '-c',
      `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _xe; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ]).stdout.toString();
  assert.deepEqual(run(['xe', 'vm-param-g']).trim().split('\n'), ['vm-param-get']);
  assert.ok(run(['xe', 'vm-param-get', 'param-']).split('\n').includes('param-name='));
});

test('task-list shows tasks; task-cancel cancels one', async () => {
  await using h = await startXe();
  const task = String(await h.call('task.create', 'upload', 'a client task'));
  const uuid = String(await h.call('task.get_uuid', task));
  const list = await h.xe('task-list');
  assert.equal(
    list.stdout,
    `uuid ( RO)                : ${uuid}\n          name-label ( RO): upload\n    name-description ( RO): a client task\n              status ( RO): pending\n            progress ( RO): 0.000\n\n\n`,
  );
  assert.equal((await h.xe('task-cancel', `uuid=${uuid}`)).code, 0);
  assert.match(String(await h.call('task.get_status', task)), /^cancel/);
});

test('event-wait returns at once when the condition holds, else when a change makes it hold', async () => {
  await using h = await startXe();
  const [ref, uuid] = await create(h, 'VM', { name_label: 'w' });
  assert.equal((await h.xe('event-wait', 'class=vm', `uuid=${uuid}`, 'power-state=halted')).code, 0);
  // Each waiter reads the object (event.from at token ''), then waits in a second event.from.
  const froms = countCalls(h.server.xapi.services.events, 'from');
  const waiting = h.xe('event-wait', 'class=vm', `uuid=${uuid}`, 'name-label=renamed');
  const other = h.xe('event-wait', 'class=vm', `uuid=${uuid}`, 'name-label=/=w');
  await froms.reached(4);
  await h.call('VM.set_name_label', ref, 'renamed');
  assert.deepEqual(await waiting, { code: 0, stdout: '', stderr: '' });
  assert.equal((await other).code, 0);
  const timeout = await h.xe('event-wait', 'class=vm', `uuid=${uuid}`, 'name-label=never', 'timeout=0.2');
  assert.deepEqual([timeout.code, timeout.stderr], [1, 'Error: Timed out waiting for the condition\n']);
  const badKey = await h.xe('event-wait', 'class=vm', 'colour=red');
  assert.deepEqual([badKey.code, badKey.stderr], [1, 'Error: key missing: colour\n']);
});

test('network-create makes a network and prints its uuid', async () => {
  await using h = await startXe();
  const r = await h.xe('network-create', 'name-label=lan', 'MTU=9000', 'other-config:purpose=test');
  assert.equal(r.code, 0, r.stderr);
  const uuid = r.stdout.trim();
  const ref = String(await h.call('network.get_by_uuid', uuid));
  const rec = (await h.call('network.get_record', ref)) as Record<string, unknown>;
  assert.equal(rec['name_label'], 'lan');
  assert.equal(rec['MTU'], 9000);
  assert.deepEqual(rec['other_config'], { purpose: 'test' });
  assert.equal((await h.xe('network-list', 'name-label=lan', '--minimal')).stdout, `${uuid}\n`);
  assert.equal((await h.xe('network-destroy', `uuid=${uuid}`)).code, 0);
  assert.equal((await h.xe('network-list', 'name-label=lan', '--minimal')).stdout, '\n');
});
