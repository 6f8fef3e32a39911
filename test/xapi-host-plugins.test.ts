// host.call_plugin and host.power_on through the XenAPI with real plug-ins:
// a Python plug-in written as XenAPIPlugin.dispatch writes them (its methodCall
// argument read with xmlrpc.client.loads, its {Status, Value} or
// {Status, ErrorDescription} answer printed with xmlrpc.client.dumps), and
// shell plug-ins that misbehave.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from './support/xapi-server.js';
import { serverFields } from '../src/xapi/records.js';
import { failure } from './support/failure.js';

// What XenAPIPlugin.py does, without its XenAPI session object.
const PYTHON_PLUGIN = `#!/usr/bin/env python3
import sys
import xmlrpc.client as xmlrpclib

def success(result):
    return xmlrpclib.dumps(({'Status': 'Success', 'Value': result},), '', True)

def failure(description):
    return xmlrpclib.dumps(({'Status': 'Failure', 'ErrorDescription': description},), '', True)

def echo(session, args):
    return session + '|' + ','.join(k + '=' + args[k] for k in sorted(args))

def boom(session, args):
    raise ValueError('no good')

class Failure(Exception):
    def __init__(self, code, params):
        Exception.__init__(self)
        self.params = [code] + params

def refuse(session, args):
    raise Failure('MY_PLUGIN_ERROR', ['a', 'b'])

fns = {'echo': echo, 'boom': boom, 'refuse': refuse}
params, method = xmlrpclib.loads(sys.argv[1])
if method == 'fault':
    print(xmlrpclib.dumps(xmlrpclib.Fault(42, 'faulty'), methodresponse=True))
elif method in fns:
    try:
        print(success(fns[method](params[0], params[1])))
    except Failure as e:
        print(failure(e.params))
    except Exception as e:
        print(failure(['XENAPI_PLUGIN_FAILURE', method, e.__class__.__name__, str(e)]))
else:
    print(failure(['UNKNOWN_XENAPI_PLUGIN_FUNCTION', method]))
`;

function pluginsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xapi-ts-plugins-'));
  const put = (name: string, text: string, mode = 0o755) => {
    writeFileSync(join(dir, name), text);
    chmodSync(join(dir, name), mode);
  };
  put('pyplug', PYTHON_PLUGIN);
  put('garbage', '#!/bin/sh\necho "this is not XML"\n');
  put('crash', '#!/bin/sh\necho partial\necho "it went wrong" >&2\nexit 3\n');
  put('killed', '#!/bin/sh\nkill -KILL $$\n');
  put('not-executable', '#!/bin/sh\necho never\n', 0o644);
  return dir;
}

test('host.call_plugin: results, the plug-in errors, and xapi failures, codes asserted', async () => {
  const dir = pluginsDir();
  try {
    await using srv = await startTestServer({ inMemory: true, toolstack: { pluginsDir: dir } });
    const c = await srv.client();
    const host = (await c.host.get_all())[0] as string;
    const session = c.sessionRef;

    // the function gets the caller's session and the arguments
    assert.equal(
      await c.host.call_plugin(host, 'pyplug', 'echo', { b: '2', a: '1 & <x>' }),
      `${session}|a=1 & <x>,b=2`,
    );
    assert.equal(await c.host.call_plugin(host, 'pyplug', 'echo', {}), `${session}|`);

    // what the plug-in reports
    await failure(c.host.call_plugin(host, 'pyplug', 'boom', {}), 'XENAPI_PLUGIN_FAILURE', [
      'boom',
      'ValueError',
      'no good',
    ]);
    await failure(c.host.call_plugin(host, 'pyplug', 'nope', {}), 'UNKNOWN_XENAPI_PLUGIN_FUNCTION', ['nope']);
    const own = await c.host.call_plugin(host, 'pyplug', 'refuse', {}).then(
      () => assert.fail('refuse succeeded'),
      (e: unknown) => e as { code: string; params: string[] },
    );
    assert.deepEqual([own.code, ...own.params], ['MY_PLUGIN_ERROR', 'a', 'b'], "a plug-in's own code passes");
    await failure(c.host.call_plugin(host, 'pyplug', 'fault', {}), 'XENAPI_PLUGIN_FAILURE', [
      'fault',
      '42',
      'faulty',
    ]);

    // plug-ins that fail as processes
    const [status, stdout] = await failure(
      c.host.call_plugin(host, 'garbage', 'x', {}),
      'XENAPI_PLUGIN_FAILURE',
    );
    assert.equal(status, 'failed to parse plugin output');
    assert.equal(stdout, 'this is not XML\n');
    await failure(c.host.call_plugin(host, 'crash', 'x', {}), 'XENAPI_PLUGIN_FAILURE', [
      'non-zero exit',
      'partial\n',
      'it went wrong\n',
    ]);
    await failure(c.host.call_plugin(host, 'killed', 'x', {}), 'XENAPI_PLUGIN_FAILURE', [
      'signal: SIGKILL',
      '',
      '',
    ]);
    const [nx] = await failure(c.host.call_plugin(host, 'not-executable', 'x', {}), 'XENAPI_PLUGIN_FAILURE');
    assert.equal(nx, 'non-zero exit');

    // another host's plug-ins are its own (calls are not forwarded between hosts here)
    const other = srv.xapi.services.db.create('host', serverFields('host', { name_label: 'other' }));
    await failure(c.host.call_plugin(other, 'pyplug', 'echo', {}), 'HOST_OFFLINE', [other]);

    // only names the directory lists
    for (const name of ['missing', '', '.', '..', '../garbage', `${dir}/pyplug`, 'sub/pyplug']) {
      await failure(c.host.call_plugin(host, name, 'echo', {}), 'XENAPI_MISSING_PLUGIN', [name]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('host.power_on: a live host, no power-on mode, no plug-in, then the plug-in decides', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xapi-ts-plugins-'));
  try {
    await using srv = await startTestServer({ inMemory: true, toolstack: { pluginsDir: dir } });
    const c = await srv.client();
    const host = (await c.host.get_all())[0] as string;
    const uuid = await c.host.get_uuid(host);
    await failure(c.host.power_on(host), 'HOST_IS_LIVE', [host]);

    // a host that is thought down, as a pool member that stopped answering
    const db = srv.xapi.services.db;
    db.update('host_metrics', db.get('host', host).metrics, { live: false });
    await failure(c.host.power_on(host), 'HOST_POWER_ON_MODE_DISABLED', []);

    // the mode and its settings are stored; the old settings' secret goes
    const secret = await c.secret.create({ value: 'hunter2', other_config: {} });
    const secretUuid = await c.secret.get_uuid(secret);
    await c.host.set_power_on_mode(host, 'DRAC', {
      power_on_ip: '10.0.0.9',
      power_on_password_secret: secretUuid,
    });
    assert.equal(await c.host.get_power_on_mode(host), 'DRAC');
    assert.deepEqual(await c.host.get_power_on_config(host), {
      power_on_ip: '10.0.0.9',
      power_on_password_secret: secretUuid,
    });
    assert.ok((await c.host.get_allowed_operations(host)).includes('power_on'));
    await c.host.set_power_on_mode(host, 'wake-on-lan', {});
    await failure(c.secret.get_uuid(secret), 'HANDLE_INVALID');
    await failure(c.host.power_on(host), 'XENAPI_MISSING_PLUGIN', ['power-on-host']);

    // the plug-in: main(remote_host_uuid) answers True or not
    const plugin = (answer: string) => {
      writeFileSync(
        join(dir, 'power-on-host'),
        PYTHON_PLUGIN.replace(
          "fns = {'echo': echo",
          `def main(session, args):\n    open(${JSON.stringify(join(dir, 'asked'))}, 'w').write(args['remote_host_uuid'])\n    return '${answer}'\n\nfns = {'main': main, 'echo': echo`,
        ),
      );
      chmodSync(join(dir, 'power-on-host'), 0o755);
    };
    plugin('False');
    await failure(c.host.power_on(host), 'INTERNAL_ERROR', ['The host failed to power on.']);
    plugin('True');
    await c.host.power_on(host);
    assert.equal(readFileSync(join(dir, 'asked'), 'utf8'), uuid);
    assert.deepEqual(await c.host.get_current_operations(host), {});
    await c.host.set_power_on_mode(host, '', {});
    await failure(c.host.power_on(host), 'HOST_POWER_ON_MODE_DISABLED', []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
