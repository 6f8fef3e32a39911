// The VIF packet filter on real bridged traffic, in network namespaces of its
// own (nothing of the host's is touched): a bridge with two ports named as the
// QEMU backend names its taps, a "guest" namespace behind each. The sender's port
// is unlocked, locked and disabled in turn; UDP datagrams show what passes.
// Absence is proven without timing: frames on one path arrive in order, so once
// a later datagram has arrived an earlier one that is missing was dropped (and the
// disabled case waits for the drop counter instead).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { VifFilter, probeFilter } from '../src/xenopsd/backends/qemu/vif-filter.js';
import { tapChain } from '../src/xenopsd/backends/qemu/vif-filter-plan.js';

const tag = `f${(process.pid % 4096).toString(16).padStart(3, '0')}`;
const ns = { br: `xtf${process.pid}br`, a: `xtf${process.pid}a`, c: `xtf${process.pid}c` };
const tapA = `xt${tag}v1.0`;
const tapC = `xt${tag}v2.0`;
const macA = '52:54:00:77:00:01';
const macC = '52:54:00:77:00:02';

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
const inNs = (n: string, ...args: string[]) => ip('netns', 'exec', n, ...args);

function whyNot(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (network namespaces, ebtables)';
  try {
    ip('netns', 'add', ns.br);
  } catch (e) {
    return `cannot make a network namespace: ${(e as Error).message}`;
  }
  return undefined;
}

const RECEIVER = `
const s = require('node:dgram').createSocket('udp4');
s.on('message', (m, r) => process.stdout.write(r.address + ' ' + m + '\\n'));
s.bind(9999, () => process.stdout.write('ready\\n'));`;
const SENDER = `
const [src, dst, msg] = process.argv.slice(1);
const s = require('node:dgram').createSocket('udp4');
s.bind({ address: src }, () => s.send(msg, 9999, dst, (e) => { if (e) throw e; s.close(); }));`;

class Receiver {
  private out = '';
  private readonly p: ChildProcess;
  constructor() {
    this.p = spawn('ip', ['netns', 'exec', ns.c, process.execPath, '-e', RECEIVER], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.p.stdout?.on('data', (b: Buffer) => (this.out += b.toString()));
  }
  get lines(): string[] {
    return this.out.split('\n').filter((l) => l !== '' && l !== 'ready');
  }
  /** Waits for a line (bounded only so that a failure ends the test). */
  async until(line: string): Promise<void> {
    for (let i = 0; i < 1000 && !this.out.split('\n').includes(line); i++)
      await new Promise((r) => setTimeout(r, 10));
    assert.ok(
      this.out.split('\n').includes(line),
      `never received "${line}"; got ${JSON.stringify(this.lines)}`,
    );
  }
  stop(): void {
    if (this.p.pid !== undefined) process.kill(this.p.pid);
  }
}

const send = (src: string, msg: string) => inNs(ns.a, process.execPath, '-e', SENDER, src, '10.77.0.2', msg);

/** The packets the tap's chain has counted (its rules' counters). */
function dropped(tap: string): number {
  const listing = inNs(ns.br, 'ebtables', '-L', tapChain(tap), '--Lc');
  return [...listing.matchAll(/pcnt = (\d+)/g)].reduce((s, m) => s + Number(m[1]), 0);
}

const skip = whyNot();

test('a locked tap passes only its MAC and addresses, a disabled one nothing', { skip }, async (t) => {
  let rx: Receiver | undefined;
  try {
    for (const n of [ns.a, ns.c]) ip('netns', 'add', n);
    const why = await probeFilter({ netns: ns.br });
    if (why !== undefined) {
      t.skip(why);
      return;
    }
    inNs(ns.br, 'ip', 'link', 'add', 'br0', 'type', 'bridge');
    inNs(ns.br, 'ip', 'link', 'set', 'br0', 'up');
    for (const [tap, guest, mac, addr] of [
      [tapA, ns.a, macA, '10.77.0.1/24'],
      [tapC, ns.c, macC, '10.77.0.2/24'],
    ] as const) {
      inNs(ns.br, 'ip', 'link', 'add', tap, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', guest);
      inNs(ns.br, 'ip', 'link', 'set', tap, 'master', 'br0', 'up');
      inNs(guest, 'ip', 'link', 'set', 'eth0', 'address', mac, 'up');
      inNs(guest, 'ip', 'addr', 'add', addr, 'dev', 'eth0');
    }
    inNs(ns.a, 'ip', 'addr', 'add', '10.77.0.9/24', 'dev', 'eth0'); // the address it should not use
    inNs(ns.a, 'ip', 'neigh', 'replace', '10.77.0.2', 'lladdr', macC, 'dev', 'eth0');
    rx = new Receiver();
    await rx.until('ready');
    const filter = new VifFilter(tag, { netns: ns.br });

    // Unlocked: anything goes.
    send('10.77.0.9', 'unlocked-spoof');
    send('10.77.0.1', 'unlocked');
    await rx.until('10.77.0.1 unlocked');
    assert.ok(rx.lines.includes('10.77.0.9 unlocked-spoof'));

    // Locked to 10.77.0.1: the other source address is dropped.
    await filter.apply({ tap: tapA, mac: macA, mode: ['Locked', { ipv4: ['10.77.0.1'], ipv6: [] }] });
    send('10.77.0.9', 'locked-spoof');
    send('10.77.0.1', 'locked');
    await rx.until('10.77.0.1 locked');
    assert.ok(!rx.lines.includes('10.77.0.9 locked-spoof'), 'a spoofed source address passed');

    // A range is allowed too; and a frame from another MAC is dropped whatever its address.
    await filter.apply({ tap: tapA, mac: macA, mode: ['Locked', { ipv4: ['10.77.0.8/29'], ipv6: [] }] });
    send('10.77.0.9', 'range');
    await rx.until('10.77.0.9 range');
    inNs(ns.a, 'ip', 'link', 'set', 'eth0', 'address', '52:54:00:66:66:66');
    send('10.77.0.9', 'mac-spoof');
    inNs(ns.a, 'ip', 'link', 'set', 'eth0', 'address', macA);
    send('10.77.0.9', 'after-mac');
    await rx.until('10.77.0.9 after-mac');
    assert.ok(!rx.lines.includes('10.77.0.9 mac-spoof'), 'a spoofed MAC passed');

    // Disabled: nothing passes (seen dropped by the filter's counters).
    await filter.apply({ tap: tapA, mac: macA, mode: 'Disabled' });
    const before = dropped(tapA);
    send('10.77.0.1', 'disabled');
    for (let i = 0; i < 1000 && dropped(tapA) === before; i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(dropped(tapA) > before, 'the datagram was dropped');
    await filter.apply({ tap: tapA, mac: macA, mode: 'Unlocked' });
    send('10.77.0.1', 'unlocked-again');
    await rx.until('10.77.0.1 unlocked-again');
    assert.ok(!rx.lines.includes('10.77.0.1 disabled'));

    // Unlocked leaves no chain of ours behind, nor any jump to one.
    assert.deepEqual(await filter.filteredTaps(), []);
    assert.doesNotMatch(inNs(ns.br, 'ebtables', '-L'), /xapi-ts-/);
  } finally {
    rx?.stop();
    for (const n of Object.values(ns)) execFileSync('ip', ['netns', 'del', n], { stdio: 'ignore' });
  }
});
