// `xapi-ts pool-convert`: write a stopped standalone host's database into a
// new pool database in etcd, so that the host can start in pool mode as its
// first master. The SQLite database is only read.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../common/config.js';
import { EtcdClient } from '../db/etcd/client.js';
import { MemoryStore } from '../db/memory.js';
import { openStore } from '../xapi/store.js';
import { poolDbConfig, saveHostUuid } from './config.js';
import { convertToPool } from './convert.js';

const USAGE = `usage: xapi-ts pool-convert --etcd-endpoints URLS --pool-uuid UUID [options]
  --state-dir DIR      the stopped host's state directory (default $XAPI_TS_STATE_DIR or .state/)
  --max-txn-ops N      the cluster's --max-txn-ops (default 128)
  --max-request-bytes N  the cluster's --max-request-bytes (default 1572864)

Prints one line per committed txn. Run again after an interruption: an
incomplete pool database is rewritten, a complete one is left as it is.
`;

export async function main(args: string[]): Promise<void> {
  const o = parseArgs({
    args,
    options: {
      'state-dir': { type: 'string' },
      'etcd-endpoints': { type: 'string' },
      'pool-uuid': { type: 'string' },
      'max-txn-ops': { type: 'string' },
      'max-request-bytes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
  if (o.help) {
    process.stdout.write(USAGE);
    return;
  }
  const pool = poolDbConfig({ endpoints: o['etcd-endpoints'], poolUuid: o['pool-uuid'] }, {});
  if (!pool) {
    process.stderr.write(USAGE);
    process.exitCode = 2;
    return;
  }
  const stateDir = o['state-dir'] ?? loadConfig().stateDir;
  const db = openStore(join(stateDir, 'xapi.db'));
  const client = new EtcdClient({ endpoints: pool.endpoints });
  try {
    if (!(db instanceof MemoryStore)) throw new Error('the database is not a MemoryStore');
    const state = db.snapshot();
    const host = state.rows.find((r) => r.table === 'host');
    if (!host) throw new Error(`${stateDir} holds no host: start xapi once first`);
    const r = await convertToPool(state, {
      client,
      poolUuid: pool.poolUuid,
      ...(o['max-txn-ops'] ? { maxTxnOps: Number(o['max-txn-ops']) } : {}),
      ...(o['max-request-bytes'] ? { maxRequestBytes: Number(o['max-request-bytes']) } : {}),
      onTxn: (done, total) => process.stdout.write(`pool-convert: txn ${done}/${total}\n`),
    });
    // The host keeps its identity in the pool.
    saveHostUuid(stateDir, String(host.row['uuid']));
    process.stdout.write(
      r.kind === 'converted'
        ? `pool-convert: ${r.objects} objects in ${r.txns} txns, revision ${r.revision}\n`
        : `pool-convert: pool ${pool.poolUuid} already has a complete database\n`,
    );
  } finally {
    client.close();
    await db.close();
  }
}
