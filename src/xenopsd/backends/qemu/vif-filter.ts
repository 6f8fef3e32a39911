// Port locking of bridged VIFs, carried out with ebtables (the bridge filter
// table; nftables' own `nft` is not installed on these hosts, ebtables-nft is).
// The chains and rules are planned in vif-filter-plan.ts; this module runs them
// and keeps the ownership rules: only `xapi-ts-` chains of this host tag are
// made or removed, a tap's chain goes before its tap, and a restarted xenopsd
// re-applies the chains of the taps it keeps and removes those whose tap is gone.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { LockingMode } from '../../types.js';
import {
  hostChain,
  hostJumps,
  listedChains,
  listsRule,
  ownTapChains,
  tapChain,
  tapChainScript,
  tapJump,
  tapRules,
  type EbtablesArgs,
} from './vif-filter-plan.js';

const execFileP = promisify(execFile);

/** Where the commands run: this network namespace, or a named one (`ip netns exec`, for tests). */
export interface FilterPlace {
  readonly netns?: string;
}

const inPlace = (at: FilterPlace, cmd: string, args: readonly string[]): [string, string[]] =>
  at.netns === undefined ? [cmd, [...args]] : ['ip', ['netns', 'exec', at.netns, cmd, ...args]];

async function ebtables(at: FilterPlace, args: EbtablesArgs): Promise<string> {
  try {
    return (await execFileP(...inPlace(at, 'ebtables', args), { timeout: 10_000 })).stdout;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`ebtables ${args.join(' ')}: ${(err.stderr ?? err.message).trim()}`);
  }
}

function restore(at: FilterPlace, script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(...inPlace(at, 'ebtables-restore', ['--noflush']), { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    p.on('error', reject);
    p.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`ebtables-restore: ${stderr.trim() || `exit ${code}`}`)),
    );
    p.stdin.end(script);
  });
}

/** Whether ebtables works here: undefined if so, else why not. */
export async function probeFilter(at: FilterPlace = {}): Promise<string | undefined> {
  try {
    await ebtables(at, ['-L', 'FORWARD']);
    return undefined;
  } catch (e) {
    return `no bridge packet filter (ebtables): ${(e as Error).message}`;
  }
}

/** A tap to filter: its name, the guest's MAC and the VIF's locking mode. */
export interface FilteredTap {
  readonly tap: string;
  readonly mac: string;
  readonly mode: LockingMode;
}

export class VifFilter {
  constructor(
    private readonly hostTag: string,
    private readonly at: FilterPlace = {},
  ) {}

  private async chainListing(chain: string): Promise<string | undefined> {
    return ebtables(this.at, ['-L', chain]).catch(() => undefined);
  }

  /** The host chain and its jumps from FORWARD and INPUT, made if missing. */
  private async ensureHostChain(): Promise<void> {
    const chain = hostChain(this.hostTag);
    if ((await this.chainListing(chain)) === undefined)
      await ebtables(this.at, ['-N', chain, '-P', 'RETURN']);
    for (const j of hostJumps(this.hostTag)) {
      const listing = (await this.chainListing(j.chain)) ?? '';
      if (!listsRule(listing, j.rule)) await ebtables(this.at, ['-A', j.chain, ...j.rule]);
    }
  }

  /** Makes the tap pass what its mode allows (the caller holds the host network lock). */
  async apply(t: FilteredTap): Promise<void> {
    const rules = tapRules(t.mac, t.mode);
    if (!rules) return this.remove(t.tap);
    await this.ensureHostChain();
    await restore(this.at, tapChainScript(t.tap, rules));
    const chain = hostChain(this.hostTag);
    if (!listsRule((await this.chainListing(chain)) ?? '', tapJump(t.tap)))
      await ebtables(this.at, ['-A', chain, ...tapJump(t.tap)]);
  }

  /** Removes a tap's chain and jump, then the host chain once no tap uses it. */
  async remove(tap: string): Promise<void> {
    const chain = hostChain(this.hostTag);
    const listing = await this.chainListing(chain);
    if (listing !== undefined && listsRule(listing, tapJump(tap)))
      await ebtables(this.at, ['-D', chain, ...tapJump(tap)]);
    if ((await this.chainListing(tapChain(tap))) !== undefined) {
      await ebtables(this.at, ['-F', tapChain(tap)]);
      await ebtables(this.at, ['-X', tapChain(tap)]);
    }
    await this.releaseHostChain();
  }

  private async releaseHostChain(): Promise<void> {
    const chain = hostChain(this.hostTag);
    const listing = await this.chainListing(chain);
    if (listing === undefined || /^-/m.test(listing)) return;
    for (const j of hostJumps(this.hostTag)) {
      const builtin = (await this.chainListing(j.chain)) ?? '';
      if (listsRule(builtin, j.rule)) await ebtables(this.at, ['-D', j.chain, ...j.rule]);
    }
    await ebtables(this.at, ['-X', chain]);
  }

  /** Taps of this host tag that have a chain. */
  async filteredTaps(): Promise<string[]> {
    return ownTapChains(this.hostTag, listedChains(await ebtables(this.at, ['-L']).catch(() => '')));
  }

  /**
   * After a restart: the chains of taps that no longer exist go, and `keep` (the taps
   * of re-adopted domains) get their recorded mode again.
   */
  async sweep(keep: readonly FilteredTap[], exists: (tap: string) => boolean): Promise<void> {
    for (const tap of await this.filteredTaps()) if (!exists(tap)) await this.remove(tap);
    for (const t of keep) if (exists(t.tap)) await this.apply(t);
  }
}
