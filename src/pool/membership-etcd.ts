// The pool messages of a host in pool mode (PoolMembership on the etcd pool
// database): eject, designate_new_master, the emergency messages and
// recover_slaves. The election decides who is master (PoolNode); these
// messages act on it:
//
// - designate_new_master: the master deletes, in one fenced txn, every
//   candidate's election key but the designated host's, which is then the
//   oldest candidate, and steps down; the designated host is elected at once
//   and the others stand again behind it.
// - emergency_transition_to_master: the same without the fence, from a slave
//   for itself (with quorum this is safe: the old master's next commit fails
//   its compare and it steps down).
// - eject: the master has the host eject itself (it comes back standalone on
//   a fresh database), then deletes its records and its local SRs.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, apiError } from '../datamodel/api-error.js';
import { isErrorCode } from '../datamodel/errors/index.js';
import { XenApiFailure } from '../client/transport.js';
import { untypedView } from '../db/typed.js';
import type { ObjectStore } from '../db/store.js';
import type { Services } from '../xapi/context.js';
import { noPoolDatabase, POOL_DB_UNAVAILABLE, type PoolMembership } from '../xapi/pool/membership.js';
import { MASTER, saveRole } from '../xapi/pool/role.js';
import { newSecret } from '../xapi/pool/secret.js';
import { HOST_UUID_FILE } from './config.js';
import type { PoolNode } from './node.js';
import { removeMemberSettings } from './embedded-etcd.js';
import { removePoolDbFile } from './pool-db-file.js';

const NULL_REF = 'OpaqueRef:NULL';

/** Delay between answering the call that changes the role and changing it. */
const ANSWER_FIRST_MS = 300;

export interface EtcdMembershipDeps {
  readonly node: PoolNode;
  readonly stateDir: string;
  readonly services: () => Services;
  /** This host's address in the pool. */
  readonly address: () => string;
  /** Restart the daemon's server in the mode the state directory says, after `after`. */
  readonly switchMode: (after?: () => void | Promise<void>) => void;
  /** Stop this host's etcd member, if it runs one. */
  readonly stopMember: () => Promise<void>;
  readonly log: (line: string) => void;
}

function remoteError(e: unknown, host: string): ApiError {
  if (e instanceof XenApiFailure) {
    return isErrorCode(e.code) ? new ApiError(e.code, e.params) : new ApiError('INTERNAL_ERROR', [e.message]);
  }
  if (e instanceof ApiError) return e;
  return apiError('CANNOT_CONTACT_HOST', { host });
}

/** Remove an ejected host from the pool database: its records and its local SRs (one transaction). */
export function removeHostRecords(db: ObjectStore, host: string): void {
  db.transaction(() => {
    const pbdsBySr = new Map<string, string[]>();
    for (const [, p] of db.all('PBD')) {
      const sr = String(p['SR']);
      pbdsBySr.set(sr, [...(pbdsBySr.get(sr) ?? []), String(p['host'])]);
    }
    for (const [sr, hosts] of pbdsBySr) {
      if (!hosts.every((h) => h === host) || !db.has('SR', sr)) continue;
      for (const [vdi, v] of [...db.all('VDI')]) {
        if (v['SR'] !== sr) continue;
        for (const [vbd, b] of [...db.all('VBD')]) if (b['VDI'] === vdi) db.destroy('VBD', vbd);
        db.destroy('VDI', vdi);
      }
    }
    for (const [ref, p] of [...db.all('PBD')]) if (p['host'] === host) db.destroy('PBD', ref);
    for (const [sr, hosts] of pbdsBySr)
      if (hosts.every((h) => h === host) && db.has('SR', sr)) db.destroy('SR', sr);
    for (const [ref, p] of [...db.all('PIF')]) if (p['host'] === host) db.destroy('PIF', ref);
    for (const [ref, c] of [...db.all('host_cpu')]) if (c['host'] === host) db.destroy('host_cpu', ref);
    for (const [ref, vm] of [...db.all('VM')])
      if (vm['affinity'] === host) db.update('VM', ref, { affinity: NULL_REF });
    const metrics = db.get('host', host)['metrics'];
    db.destroy('host', host);
    if (typeof metrics === 'string' && db.has('host_metrics', metrics)) db.destroy('host_metrics', metrics);
  });
}

export function etcdMembership(d: EtcdMembershipDeps): PoolMembership {
  const hostUuid = (s: Services, host: string): string => s.db.get('host', host).uuid;

  const ejectSelf = (): void => {
    d.log('ejected from the pool; restarting standalone on a fresh database');
    const secret = d.services().hostPool.secret;
    setTimeout(
      () =>
        d.switchMode(async () => {
          await d.stopMember();
          removeMemberSettings(d.stateDir);
          removePoolDbFile(d.stateDir);
          // A fresh database: the one from before the pool, if any, is kept aside.
          const db = join(d.stateDir, 'xapi.db');
          for (const ext of ['', '-wal', '-shm']) {
            if (existsSync(db + ext)) renameSync(db + ext, `${db}.before-eject${ext}`);
          }
          saveRole(d.stateDir, MASTER);
          rmSync(join(d.stateDir, HOST_UUID_FILE), { force: true });
          secret.set(newSecret());
        }),
      ANSWER_FIRST_MS,
    );
  };

  return {
    ...noPoolDatabase,
    async join() {
      // A host of a pool database (even alone in it) is part of a pool already.
      throw apiError('OPERATION_NOT_ALLOWED', { reason: 'Host is already part of a pool' });
    },

    async eject(host) {
      const s = d.services();
      if (host === s.host) {
        ejectSelf();
        return;
      }
      const row = s.db.get('host', host);
      try {
        await s.hostPool.callHost(host, row.address, 'pool.eject', [host]);
      } catch (e) {
        throw remoteError(e, host);
      }
      const db = untypedView(s.db);
      const uuid = hostUuid(s, host);
      removeHostRecords(db, host);
      await db.flush();
      // Its etcd member, if it ran one, leaves the cluster.
      await d.node
        .removeMember(uuid)
        .catch((e: unknown) => d.log(`eject: removing the etcd member: ${String(e)}`));
    },

    async designateNewMaster(host) {
      const s = d.services();
      const uuid = hostUuid(s, host);
      const target = (await d.node.candidates()).find((c) => c.info?.hostUuid === uuid);
      if (!target) throw apiError('HOST_OFFLINE', { host });
      if (!(await d.node.keepOnlyCandidate(target, true))) {
        throw new ApiError('INTERNAL_ERROR', ['the master role changed during designate_new_master']);
      }
      d.log(`handing the master role over to ${target.info?.address ?? uuid}`);
      setTimeout(() => d.node.stepDown('designated a new master'), ANSWER_FIRST_MS);
    },

    async emergencyTransitionToMaster() {
      const mine = (await d.node.candidates()).find((c) => c.info?.hostUuid === d.node.hostUuid);
      if (!mine) throw new ApiError('INTERNAL_ERROR', [POOL_DB_UNAVAILABLE]);
      if (!(await d.node.keepOnlyCandidate(mine, false))) {
        throw new ApiError('INTERNAL_ERROR', ['this host lost its candidacy during the transition']);
      }
      d.log('emergency transition to master');
    },

    async emergencyResetMaster(masterAddress) {
      if (d.node.role?.kind === 'master') {
        throw apiError('OPERATION_NOT_ALLOWED', { reason: 'This host is the pool master' });
      }
      // The election overrides this as soon as it names a master.
      d.services().hostPool.follow({ kind: 'slave', master: masterAddress });
    },

    async recoverSlaves(hosts) {
      const s = d.services();
      const answered: string[] = [];
      await Promise.all(
        hosts.map(async (h) => {
          const row = s.db.find('host', h);
          if (!row) return;
          try {
            await s.hostPool.callHost(h, row.address, 'pool.emergency_reset_master', [d.address()]);
            answered.push(h);
          } catch (e) {
            d.log(`recover_slaves: ${row.address}: ${String(e)}`);
          }
        }),
      );
      return answered;
    },
  };
}
