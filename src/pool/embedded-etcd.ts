// The pool database's etcd members run by the toolstack itself (pools.md
// §7.2): the first host of a pool bootstraps a one-member cluster when a host
// first joins it, the next two joiners each add a member (as a learner,
// started, then promoted to voter), and later hosts are clients only. A
// member's data is `<state>/etcd`, its settings `<state>/etcd-member.json`;
// the daemon starts and supervises it before it opens the pool database.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EtcdClient } from '../db/etcd/client.js';
import { addMember, EtcdMember, memberDataDir, promoteMember, type MemberConfig } from './etcd-member.js';

/** Voting members of an embedded cluster (Incus's default too). */
export const EMBEDDED_VOTERS = 3;

export const MEMBER_FILE = 'etcd-member.json';

/** Where a host's member listens: its own address, these ports. */
export interface MemberPorts {
  readonly client: number;
  readonly peer: number;
}

export const DEFAULT_MEMBER_PORTS: MemberPorts = { client: 2379, peer: 2380 };

export interface MemberSettings {
  readonly name: string;
  readonly clientUrl: string;
  readonly peerUrl: string;
  readonly initialCluster: readonly (readonly [string, string])[];
  readonly clusterToken: string;
}

export function memberUrls(ip: string, ports: MemberPorts): { clientUrl: string; peerUrl: string } {
  const host = ip.includes(':') ? `[${ip}]` : ip;
  return { clientUrl: `http://${host}:${ports.client}`, peerUrl: `http://${host}:${ports.peer}` };
}

export function loadMemberSettings(stateDir: string): MemberSettings | undefined {
  const path = join(stateDir, MEMBER_FILE);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as MemberSettings;
}

function saveMemberSettings(stateDir: string, s: MemberSettings): void {
  const path = join(stateDir, MEMBER_FILE);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(s)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

/** Forget this host's member (after an eject): its settings and its data. */
export function removeMemberSettings(stateDir: string): void {
  rmSync(join(stateDir, MEMBER_FILE), { force: true });
  rmSync(memberDataDir(stateDir), { recursive: true, force: true });
}

function config(stateDir: string, s: MemberSettings, state: 'new' | 'existing'): MemberConfig {
  return {
    name: s.name,
    dataDir: memberDataDir(stateDir),
    clientUrl: s.clientUrl,
    peerUrl: s.peerUrl,
    initialCluster: s.initialCluster,
    clusterState: state,
    clusterToken: s.clusterToken,
  };
}

/**
 * Start this host's member: `new` bootstraps a cluster of one (the first
 * master); `existing` joins or restarts in a running cluster. The settings
 * are saved first, so a restarted daemon starts the member again.
 */
export async function startMember(
  stateDir: string,
  s: MemberSettings,
  state: 'new' | 'existing',
  log: (line: string) => void,
): Promise<EtcdMember> {
  saveMemberSettings(stateDir, s);
  const m = new EtcdMember(config(stateDir, s, state), {
    logFile: join(stateDir, 'etcd.log'),
    onExit: (how) => log(`pool: the etcd member exited (${how}); restarting it`),
  });
  await m.start(30_000);
  return m;
}

/** The member of a restarting daemon, if this host runs one. */
export async function resumeMember(
  stateDir: string,
  log: (line: string) => void,
): Promise<EtcdMember | undefined> {
  const s = loadMemberSettings(stateDir);
  if (!s) return undefined;
  // Whatever the settings say, the cluster exists by now: its data is in the data dir.
  return startMember(stateDir, s, 'existing', log);
}

/** What the master tells a joiner that is to run a member. */
export interface MemberGrant {
  readonly id: string;
  readonly initial_cluster: readonly (readonly [string, string])[];
}

/**
 * On the master: add the joiner's member as a learner if the cluster has
 * fewer than EMBEDDED_VOTERS members; undefined when the joiner is to be a
 * client only. A member of that peer URL already there (a join retried) is
 * granted again.
 */
export async function grantMember(
  client: EtcdClient,
  name: string,
  peerUrl: string,
): Promise<MemberGrant | undefined> {
  const before = await client.members();
  let mine = before.find((m) => m.peerUrls.includes(peerUrl));
  if (!mine) {
    if (before.length >= EMBEDDED_VOTERS) return undefined;
    // Retried while another joiner's learner catches up: the list is read again after.
    mine = await addMember(client, peerUrl, true);
  }
  const id = mine.id;
  // As etcdctl's member add prints it: the started members (a member that
  // has not started yet has no name) and this one.
  const members = await client.members();
  const cluster = members
    .filter((m) => m.id === id || m.name !== '')
    .map((m) => [m.id === id ? name : m.name, m.peerUrls[0] ?? ''] as const);
  return { id, initial_cluster: cluster };
}

/** On the joiner: start the granted member, and once it has caught up, make it a voter. */
export async function joinMember(
  stateDir: string,
  client: EtcdClient,
  s: MemberSettings,
  grant: MemberGrant,
  log: (line: string) => void,
): Promise<EtcdMember> {
  const m = await startMember(stateDir, { ...s, initialCluster: grant.initial_cluster }, 'existing', log);
  await promoteMember(client, grant.id, 60_000);
  return m;
}
