// `xapi-ts switch list|diag|trace|call|ack|destroy|shutdown`: look at and use
// the message switch. Output is for people unless --json is given.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ApiError } from '../datamodel/api-error.js';
import { SwitchClient, type Diagnostics } from './client.js';
import { defaultStateDir, switchSocket } from './paths.js';
import { SwitchRpc } from './rpc.js';
import type { TraceEvent } from './trace.js';

const USAGE = `usage: xapi-ts switch <command> [options]
  list [--prefix P] [--alive]        queues (only those with a live consumer with --alive)
  diag                               per queue: length, in flight, consumers, oldest age, rates
  trace [--follow]                   recent messages with their timings
  call QUEUE (--body TEXT | --file F) [--timeout S]
                                     send a request and print the answer
  ack QUEUE N                        acknowledge (drop) message N of QUEUE
  destroy QUEUE                      delete a queue and its messages
  shutdown                           stop the switch
options: --state-dir DIR | --socket PATH, --json
`;

export async function main(args: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'state-dir': { type: 'string' },
        socket: { type: 'string' },
        json: { type: 'boolean' },
        prefix: { type: 'string' },
        alive: { type: 'boolean' },
        follow: { type: 'boolean', short: 'f' },
        body: { type: 'string' },
        file: { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usage((e as Error).message);
  }
  const o = parsed.values;
  const [cmd, ...rest] = parsed.positionals;
  if (o.help || cmd === undefined) return usage(o.help ? undefined : 'missing command');
  const socketPath = o.socket ?? switchSocket(o['state-dir'] ?? defaultStateDir());
  const out = (human: string, data: unknown): void => {
    process.stdout.write(o.json ? `${JSON.stringify(data, null, 2)}\n` : human);
  };
  const client = new SwitchClient({ socketPath, token: `cli:${process.pid}` });
  try {
    switch (cmd) {
      case 'list': {
        const qs = await client.list(o.prefix ?? '', o.alive ?? false);
        return out(qs.map((q) => `${q}\n`).join(''), qs);
      }
      case 'diag': {
        const d = await client.diagnostics();
        return out(formatDiagnostics(d), d);
      }
      case 'trace':
        return await trace(client, o.follow ?? false, o.json ?? false);
      case 'call': {
        const [queue] = rest;
        const body = o.body ?? (o.file ? readFileSync(o.file, 'utf8') : undefined);
        if (!queue || body === undefined) return usage('call needs QUEUE and --body or --file');
        const timeoutMs = o.timeout === undefined ? 30_000 : Number(o.timeout) * 1000;
        if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
          return usage('--timeout is a positive number of seconds');
        const rpc = new SwitchRpc({ socketPath });
        try {
          const reply = await rpc.call(queue, body, {
            service: queue,
            method: 'call',
            timeoutMs,
            signal: undefined,
          });
          let data: unknown = reply;
          try {
            data = JSON.parse(reply);
          } catch {
            // not JSON: print as is
          }
          return out(`${reply}\n`, data);
        } finally {
          rpc.close();
        }
      }
      case 'ack': {
        const [queue, n] = rest;
        if (!queue || n === undefined || !Number.isSafeInteger(Number(n)))
          return usage('ack needs QUEUE and N');
        await client.ack([[queue, Number(n)]]);
        return out('', {});
      }
      case 'destroy': {
        const [queue] = rest;
        if (!queue) return usage('destroy needs QUEUE');
        await client.destroy(queue);
        return out('', {});
      }
      case 'shutdown':
        await client.shutdown();
        return out('', {});
      default:
        return usage(`unknown command ${cmd}`);
    }
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    process.stderr.write(
      o.json
        ? `${JSON.stringify({ code: e.code, params: e.params })}\n`
        : `error: ${e.code} ${e.params.join(' ')}\n`,
    );
    process.exitCode = 1;
  } finally {
    client.close();
  }
}

function usage(problem?: string): void {
  if (problem) process.stderr.write(`${problem}\n`);
  (problem ? process.stderr : process.stdout).write(USAGE);
  if (problem) process.exitCode = 2;
}

function age(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)}s`;
  return `${Math.round(ms / 60_000)}m`;
}

export function formatDiagnostics(d: Diagnostics): string {
  const rows: string[][] = [
    ['QUEUE', 'KIND', 'LENGTH', 'IN-FLIGHT', 'CONSUMERS', 'OLDEST', 'SENT/s', 'ACKED/s'],
  ];
  for (const [name, q] of Object.entries(d.queues)) {
    rows.push([
      name,
      q.persistent ? 'persistent' : 'transient',
      String(q.length),
      String(q.in_flight),
      String(q.consumers.length),
      q.length + q.in_flight > 0 ? age(q.oldest_age_ms) : '-',
      String(q.rates.sent_per_s),
      String(q.rates.acked_per_s),
    ]);
  }
  const widths = (rows[0] as string[]).map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  const table = rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] as number))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
  const j = d.journal
    ? `journal ${d.journal.path}: ${d.journal.bytes} bytes, policy ${d.journal.policy}\n`
    : '';
  return `switch up ${d.uptime_s}s, ${d.sessions.length} session(s)\n${j}${table}\n`;
}

export function formatEvent(e: TraceEvent): string {
  const t = new Date(e.time).toISOString().slice(11, 23);
  const who = e.session ? ` ${e.session}` : '';
  const timing = [
    e.waitedMs !== undefined ? `waited ${e.waitedMs}ms` : '',
    e.heldMs !== undefined ? `held ${e.heldMs}ms` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const corr = e.correlation !== undefined ? ` #${e.correlation}` : '';
  const payload = e.payload !== undefined ? ` ${JSON.stringify(e.payload)}` : '';
  return `${t} ${e.event.padEnd(7)} ${e.queue}/${e.n} ${e.kind}${corr}${who}${timing ? ` (${timing})` : ''}${payload}\n`;
}

async function trace(client: SwitchClient, follow: boolean, json: boolean): Promise<void> {
  let from = -1;
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  do {
    let r;
    try {
      r = await client.trace(from, follow ? 30 : 0, stop.signal);
    } catch (e) {
      if (stop.signal.aborted) return;
      throw e;
    }
    for (const e of r.events) process.stdout.write(json ? `${JSON.stringify(e)}\n` : formatEvent(e));
    from = r.events.length ? (r.events[r.events.length - 1] as TraceEvent).seq : from;
  } while (follow && !stop.signal.aborted);
}
