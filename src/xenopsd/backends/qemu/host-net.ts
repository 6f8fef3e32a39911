// The host side of bridged VIFs: Linux bridges and taps made with iproute2's `ip`.
// Do no harm: xenopsd deletes only interfaces it recorded making, under the host
// directory (qemu-net/{bridges,taps}/<name>.json, written before the interface is
// made), and every such name carries the host tag (net-plan.ts). A bridge is shared
// by every xenopsd of the host directory and goes when its last tap has gone.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiError } from '../../../datamodel/api-error.js';
import {
  bridgeCreate,
  bridgeDelete,
  ownsName,
  tapCarrier,
  tapCreate,
  tapDelete,
  tapMove,
  type IpCommand,
} from './net-plan.js';

const execFileP = promisify(execFile);
const SYS_NET = '/sys/class/net';

export interface TapRecord {
  readonly instance: string;
  readonly vm: string;
  readonly bridge: string;
}

async function ip(cmds: readonly IpCommand[]): Promise<void> {
  for (const args of cmds) {
    try {
      await execFileP('ip', [...args], { timeout: 10_000 });
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      throw new Error(`ip ${args.join(' ')}: ${(err.stderr ?? err.message).trim()}`);
    }
  }
}

export const interfaceExists = (name: string): boolean => existsSync(join(SYS_NET, name));

/** The host's interfaces: every one in /sys/class/net. */
export function listInterfaces(): string[] {
  try {
    return readdirSync(SYS_NET);
  } catch {
    return [];
  }
}

/** The ports of a bridge (empty when it has none or is gone). */
export function bridgePorts(bridge: string): string[] {
  try {
    return readdirSync(join(SYS_NET, bridge, 'brif'));
  } catch {
    return [];
  }
}

/** Whether taps can be made here: undefined if so, else why not (tried for real, then undone). */
export async function probeBridging(hostTag: string): Promise<string | undefined> {
  if (!existsSync('/dev/net/tun')) return 'no /dev/net/tun';
  const probe = `xt${hostTag}p${process.pid % 100_000}`;
  try {
    await ip([['tuntap', 'add', 'dev', probe, 'mode', 'tap']]);
  } catch (e) {
    return `cannot create a tap (needs CAP_NET_ADMIN and iproute2): ${(e as Error).message}`;
  }
  await ip(tapDelete(probe)).catch(() => {});
  return undefined;
}

export class HostNetwork {
  private readonly dir: string;

  constructor(
    hostDir: string,
    private readonly hostTag: string,
    private readonly instance: string,
  ) {
    this.dir = join(hostDir, 'qemu-net');
    mkdirSync(join(this.dir, 'bridges'), { recursive: true });
    mkdirSync(join(this.dir, 'taps'), { recursive: true });
  }

  private recordFile(kind: 'bridges' | 'taps', name: string): string {
    return join(this.dir, kind, `${name}.json`);
  }

  private recorded(kind: 'bridges' | 'taps', name: string): boolean {
    return existsSync(this.recordFile(kind, name));
  }

  /** Bridge changes by any xenopsd of the host directory, one at a time (O_EXCL lock file). */
  private async locked<T>(f: () => Promise<T>): Promise<T> {
    const lock = join(this.dir, 'lock');
    for (let i = 0; ; i++) {
      try {
        await (await open(lock, 'wx')).close();
        break;
      } catch {
        if (i > 600) await rm(lock, { force: true }); // a holder died mid-change, 30 s ago
        await sleep(50);
      }
    }
    try {
      return await f();
    } finally {
      rmSync(lock, { force: true });
    }
  }

  /** Runs `f` holding the host directory's network lock (packet filter changes take it too). */
  withLock<T>(f: () => Promise<T>): Promise<T> {
    return this.locked(f);
  }

  /** Makes a bridge of ours if missing; refuses one of that name we did not make (lock held). */
  private async ensureBridge(bridge: string): Promise<void> {
    if (!interfaceExists(bridge)) {
      writeFileSync(this.recordFile('bridges', bridge), JSON.stringify({ created: Date.now() }));
      try {
        await ip(bridgeCreate(bridge));
      } catch (e) {
        rmSync(this.recordFile('bridges', bridge), { force: true });
        throw netError(bridge, e);
      }
    } else if (!this.recorded('bridges', bridge)) {
      throw netError(bridge, new Error('exists but was not made by xenopsd: left alone'));
    }
  }

  /** Moves a tap of this instance onto another bridge (made if missing); the old one goes if left empty. */
  async moveTap(tap: string, bridge: string): Promise<void> {
    const rec = this.tapRecord(tap);
    if (!rec || rec.instance !== this.instance || !ownsName(this.hostTag, bridge))
      throw apiError('INTERNAL_ERROR', { message: `not a tap of this instance: ${tap}` });
    if (rec.bridge === bridge) return;
    await this.locked(async () => {
      await this.ensureBridge(bridge);
      try {
        await ip(tapMove(tap, bridge));
      } catch (e) {
        await this.releaseBridge(bridge);
        throw netError(tap, e);
      }
      const moved: TapRecord = { ...rec, bridge };
      writeFileSync(this.recordFile('taps', tap), JSON.stringify(moved));
      await this.releaseBridge(rec.bridge);
    });
  }

  /** Makes the tap of a VIF on its bridge (made too if missing). */
  async addTap(tap: string, bridge: string, vm: string, mtu: number, carrier: boolean): Promise<void> {
    if (!ownsName(this.hostTag, tap) || !ownsName(this.hostTag, bridge))
      throw apiError('INTERNAL_ERROR', { message: `not an interface name of this host: ${tap}/${bridge}` });
    await this.locked(async () => {
      await this.ensureBridge(bridge);
      if (interfaceExists(tap)) {
        if (!this.recorded('taps', tap))
          throw netError(tap, new Error('exists but was not made by xenopsd: left alone'));
        await ip(tapDelete(tap)).catch(() => {}); // a leftover of ours (a crash between steps)
      }
      const record: TapRecord = { instance: this.instance, vm, bridge };
      writeFileSync(this.recordFile('taps', tap), JSON.stringify(record));
      try {
        await ip(tapCreate(tap, bridge, mtu, carrier));
      } catch (e) {
        await ip(tapDelete(tap)).catch(() => {});
        rmSync(this.recordFile('taps', tap), { force: true });
        await this.releaseBridge(bridge);
        throw netError(tap, e);
      }
    });
  }

  /** Removes a tap this instance made, and its bridge if nothing else is on it. */
  async removeTap(tap: string): Promise<void> {
    const rec = this.tapRecord(tap);
    if (!rec || rec.instance !== this.instance) return;
    await this.locked(async () => {
      if (interfaceExists(tap)) await ip(tapDelete(tap)).catch(() => {});
      rmSync(this.recordFile('taps', tap), { force: true });
      await this.releaseBridge(rec.bridge);
    });
  }

  async setCarrier(tap: string, carrier: boolean): Promise<void> {
    if (!this.recorded('taps', tap) || !interfaceExists(tap)) return;
    await ip(tapCarrier(tap, carrier)).catch((e: unknown) => {
      throw netError(tap, e);
    });
  }

  private tapRecord(tap: string): TapRecord | undefined {
    try {
      return JSON.parse(readFileSync(this.recordFile('taps', tap), 'utf8')) as TapRecord;
    } catch {
      return undefined;
    }
  }

  /** Deletes a recorded bridge with no ports left (the caller holds the lock). */
  private async releaseBridge(bridge: string): Promise<void> {
    if (!this.recorded('bridges', bridge)) return;
    const taps = this.ownTapsOf(bridge);
    if (taps.length > 0 || bridgePorts(bridge).length > 0) return;
    if (interfaceExists(bridge)) await ip(bridgeDelete(bridge)).catch(() => {});
    if (!interfaceExists(bridge)) rmSync(this.recordFile('bridges', bridge), { force: true });
  }

  /** Tap records (any instance's) on `bridge`. */
  private ownTapsOf(bridge: string): string[] {
    return this.tapNames().filter((t) => this.tapRecord(t)?.bridge === bridge);
  }

  private tapNames(): string[] {
    return readdirSync(join(this.dir, 'taps'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length));
  }

  /**
   * After a restart: deletes this instance's taps that no domain of it uses any more
   * (`inUse`), then the recorded bridges left empty. Other instances' taps stay.
   */
  async sweep(inUse: ReadonlySet<string>): Promise<void> {
    await this.locked(async () => {
      for (const tap of this.tapNames()) {
        const rec = this.tapRecord(tap);
        if (!rec || rec.instance !== this.instance || inUse.has(tap)) continue;
        if (interfaceExists(tap)) await ip(tapDelete(tap)).catch(() => {});
        rmSync(this.recordFile('taps', tap), { force: true });
      }
      const bridges = readdirSync(join(this.dir, 'bridges'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -'.json'.length));
      for (const b of bridges) await this.releaseBridge(b);
    });
  }
}

function netError(ifname: string, e: unknown) {
  return apiError('INTERNAL_ERROR', { message: `host network interface ${ifname}: ${(e as Error).message}` });
}
