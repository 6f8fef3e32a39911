// `xapi-ts xenops ...`: a debugging CLI for one xenopsd, over its switch queue
// or its direct socket. Lifecycle commands wait for their task and destroy it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { toApiError } from '../datamodel/api-error.js';
import type { Client } from '../idl/index.js';
import { xenopsQueue, type XenopsInterface } from '../idl/xenops.js';
import { defaultStateDir, switchSocket } from '../switch/paths.js';
import { connectXenops, socketScheme } from './connect.js';
import { decodeVm } from './decode.js';
import { call } from './rpc.js';
import type { Disk, TaskInfo } from './types.js';

const USAGE = `usage: xapi-ts xenops [--name NAME | --socket PATH | --queue Q] [--state-dir DIR] COMMAND
commands:
  list                         VMs with power state and domids
  stat VM                      a VM's configuration and state (JSON)
  add FILE|-                   register a VM (Vm.t JSON) or a whole exported metadata document
  remove VM
  start VM [--paused]          start (and unpause unless --paused)
  shutdown VM [--delay S]      hard shutdown, or clean with a timeout
  reboot VM [--delay S]
  pause VM | unpause VM
  suspend VM DISK | resume VM DISK      DISK: vdi:SR/LOCATION or a dom0 path
  migrate VM URL               URL: xenops+unix:///path/xenopsd-NAME.sock or a queue name
  vbds VM | vifs VM            devices with their state
  tasks                        every task
  task-cancel ID
  events                       follow UPDATES, one line per change
  diagnostics                  queues, workers, tasks and UPDATES (JSON)
  debug CMD [ARGS...]          DEBUG.trigger (e.g. "crash VM", "set-cancel-trigger DBG N")
`;

type Xc = Client<XenopsInterface>;
const dbg = `xenops-cli:${process.pid}`;

function parseDisk(s: string): Disk {
  return s.startsWith('vdi:') ? ['VDI', s.slice(4)] : ['Local', s.startsWith('local:') ? s.slice(6) : s];
}

async function wait(c: Xc, id: string): Promise<TaskInfo> {
  let from: number | undefined = await c.call('UPDATES.last_id', { dbg });
  for (;;) {
    const info = await c.call('Task.stat', { dbg, id });
    if (info.state[0] !== 'Pending') {
      await c.call('Task.destroy', { dbg, id });
      if (info.state[0] === 'Failed') throw new Error(`task ${id} failed: ${info.state[1].join(' ')}`);
      return info;
    }
    const r: [unknown, unknown, number] = await c.call('UPDATES.get', { dbg, last_id: from, timeout: 30 });
    from = r[2];
  }
}

async function run(
  c: Xc,
  cmd: string,
  rest: string[],
  flags: { delay?: number; paused?: boolean },
): Promise<void> {
  const arg = (i: number): string => {
    const v = rest[i];
    if (v === undefined) throw new Error(`${cmd}: missing argument ${i + 1}\n${USAGE}`);
    return v;
  };
  const out = (v: unknown): void =>
    void process.stdout.write(`${typeof v === 'string' ? v : JSON.stringify(v, null, 2)}\n`);
  const opt = flags.delay === undefined ? {} : { delay: flags.delay };
  switch (cmd) {
    case 'list':
      for (const [vm, s] of await c.call('VM.list', { dbg }))
        out(`${vm.id.padEnd(38)} ${s.power_state.padEnd(9)} ${s.domids.join(',').padEnd(6)} ${vm.name}`);
      return;
    case 'stat':
      return out(await c.call('VM.stat', { dbg, id: arg(0) }));
    case 'add': {
      const text = readFileSync(arg(0) === '-' ? 0 : arg(0), 'utf8');
      const doc = JSON.parse(text) as Record<string, unknown>;
      return out(
        'vm' in doc
          ? await c.call('VM.import_metadata', { dbg, s: text })
          : await c.call('VM.add', { dbg, vm: decodeVm(doc) }),
      );
    }
    case 'remove':
      return void (await c.call('VM.remove', { dbg, id: arg(0) }));
    case 'start':
      await wait(c, await c.call('VM.start', { dbg, id: arg(0), force: false }));
      if (!flags.paused) await wait(c, await c.call('VM.unpause', { dbg, id: arg(0) }));
      return;
    case 'shutdown':
      return void (await wait(c, await c.call('VM.shutdown', { dbg, id: arg(0), ...opt })));
    case 'reboot':
      return void (await wait(c, await c.call('VM.reboot', { dbg, id: arg(0), ...opt })));
    case 'pause':
    case 'unpause':
      return void (await wait(
        c,
        await c.call(cmd === 'pause' ? 'VM.pause' : 'VM.unpause', { dbg, id: arg(0) }),
      ));
    case 'suspend':
    case 'resume':
      return void (await wait(
        c,
        await c.call(cmd === 'suspend' ? 'VM.suspend' : 'VM.resume', {
          dbg,
          id: arg(0),
          disk: parseDisk(arg(1)),
        }),
      ));
    case 'migrate': {
      const info = await wait(
        c,
        await c.call('VM.migrate', {
          dbg,
          id: arg(0),
          xenops_url: arg(1),
          vdi_map: {},
          vif_map: {},
          pci_map: {},
        }),
      );
      // the migration's figures: total and downtime (ms), bytes sent, disks copied
      if (info.state[0] === 'Completed' && info.state[1].result != null) out(info.state[1].result);
      return;
    }
    case 'vbds':
      return out(await c.call('VBD.list', { dbg, vm: arg(0) }));
    case 'vifs':
      return out(await c.call('VIF.list', { dbg, vm: arg(0) }));
    case 'tasks':
      for (const t of await c.call('Task.list', { dbg }))
        out(
          `${t.id.padEnd(6)} ${t.state[0].padEnd(9)} ${t.state[0] === 'Pending' ? `${Math.round(t.state[1] * 100)}%` : ''} ${t.dbg}`,
        );
      return;
    case 'task-cancel':
      return void (await c.call('Task.cancel', { dbg, id: arg(0) }));
    case 'events': {
      let from: number | undefined;
      for (;;) {
        const [barriers, ids, next] = await c.call('UPDATES.get', {
          dbg,
          ...(from === undefined ? {} : { last_id: from }),
          timeout: 60,
        });
        for (const b of barriers) out(`barrier ${b[0]}`);
        for (const id of ids) out(`${id[0]} ${typeof id[1] === 'string' ? id[1] : id[1].join('.')}`);
        from = next;
      }
    }
    case 'diagnostics':
      return out(JSON.parse(await c.call('get_diagnostics', { dbg })) as unknown);
    case 'debug':
      return void (await c.call('DEBUG.trigger', { dbg, cmd: arg(0), args: rest.slice(1) }));
    default:
      throw new Error(`unknown command ${cmd}\n${USAGE}`);
  }
}

export async function main(args: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        name: { type: 'string', default: 'simulator' },
        socket: { type: 'string' },
        queue: { type: 'string' },
        'state-dir': { type: 'string' },
        switch: { type: 'string' },
        delay: { type: 'string' },
        paused: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const o = parsed.values;
  const [cmd, ...rest] = parsed.positionals;
  if (o.help || !cmd) {
    process.stdout.write(USAGE);
    return;
  }
  const stateDir = o['state-dir'] ?? defaultStateDir();
  const target = o.socket
    ? socketScheme + o.socket
    : (o.queue ??
      (o.switch
        ? xenopsQueue(o.name ?? 'simulator')
        : socketScheme + join(stateDir, `xenopsd-${o.name}.sock`)));
  const conn = connectXenops(target, o.switch ?? switchSocket(stateDir), 120_000);
  try {
    await call(() =>
      run(conn.client, cmd, rest, {
        ...(o.delay ? { delay: Number(o.delay) } : {}),
        paused: o.paused ?? false,
      }),
    );
  } catch (e) {
    const err = toApiError(e);
    process.stderr.write(
      `${err.code === 'INTERNAL_ERROR' ? (err.params[0] ?? '') : err.toWire().join(' ')}\n`,
    );
    process.exitCode = 1;
  } finally {
    await conn.close();
  }
}
