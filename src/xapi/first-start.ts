// The objects every host has from its first start: the pool, this host with
// its metrics and CPUs, and the roles with their permissions. Facts that can
// change (memory, CPUs, versions) are refreshed at every start.
import { NULL_REF } from '../datamodel/build.js';
import { ROLES } from '../datamodel/types.js';
import { classByName, messages } from '../datamodel/index.js';
import { httpPermissions } from '../datamodel/http-actions.js';
import type { XapiDb } from './store.js';
import { API_VERSION, PRODUCT_VERSION, readHostFacts, type HostFacts } from './host/facts.js';
import { restrictions } from './features.js';
import { permissionOf } from './dispatch.js';
import { ensureNetworks } from './network/first-start.js';
import { serverFields } from './records.js';
import { ensureTemplates } from './templates.js';
import { ensureControlDomain } from './control-domain.js';
import { now } from './time.js';

export interface Identity {
  readonly pool: string;
  readonly host: string;
}

export function softwareVersion(facts: HostFacts): Record<string, string> {
  return {
    product_brand: 'xapi-ts',
    product_version: PRODUCT_VERSION,
    product_version_text: PRODUCT_VERSION,
    product_version_text_short: PRODUCT_VERSION,
    platform_name: 'xapi-ts',
    platform_version: PRODUCT_VERSION,
    xapi: `${API_VERSION.major}.${API_VERSION.minor}`,
    xapi_build: PRODUCT_VERSION,
    build_number: PRODUCT_VERSION,
    hostname: facts.hostname,
    linux: facts.kernel,
    node: process.versions.node,
    db_schema: '1',
  };
}

function cpuInfo(facts: HostFacts): Record<string, string> {
  const c = facts.cpus[0];
  return {
    cpu_count: String(facts.cpus.length),
    socket_count: String(facts.socketCount),
    vendor: c?.vendor ?? '',
    speed: String(c?.speedMhz ?? 0),
    modelname: c?.modelname ?? '',
    family: String(c?.family ?? 0),
    model: String(c?.model ?? 0),
    stepping: c?.stepping ?? '',
    flags: c?.flags ?? '',
  };
}

/** xapi gives the pool-admin role a fixed ref, which subject.roles defaults to. */
const FIXED_ROLE_UUIDS: Partial<Record<string, string>> = {
  'pool-admin': '0165f154-ba3e-034e-6b27-5d271af109ba',
};

/** Create the permission and role objects: one leaf role per message, six user roles. */
function ensureRoles(db: XapiDb): void {
  if (db.count('role') > 0) return;
  const perms = new Map<string, { ref: string; roles: readonly string[] }>();
  for (const { cls, msg } of messages.values()) {
    const name = permissionOf(cls, msg);
    if (perms.has(name)) continue;
    const ref = db.create(
      'role',
      serverFields('role', {
        name_label: name,
        name_description: `Permission to call ${cls.name}.${msg.name}`,
        subroles: [],
        is_internal: false,
      }),
    );
    perms.set(name, { ref, roles: msg.roles });
  }
  for (const role of ROLES) {
    const uuid = FIXED_ROLE_UUIDS[role];
    db.create(
      'role',
      serverFields('role', {
        ...(uuid ? { uuid } : {}),
        name_label: role,
        name_description: `The ${role} role`,
        subroles: [...perms.values()].filter((p) => p.roles.includes(role)).map((p) => p.ref),
        is_internal: false,
      }),
      uuid ? `OpaqueRef:${uuid}` : undefined,
    );
  }
}

/**
 * The permissions of the HTTP handlers (`http/get_rrd_updates`, …), in the
 * roles that hold them; also added to the roles of a database made before.
 */
function ensureHttpPermissions(db: XapiDb): void {
  for (const { name, roles } of httpPermissions()) {
    if (db.refsByNameLabel('role', name).length > 0) continue;
    const ref = db.create(
      'role',
      serverFields('role', {
        name_label: name,
        name_description: `Permission to use the HTTP handler ${name.slice(name.indexOf('/') + 1)}`,
        subroles: [],
        is_internal: false,
      }),
    );
    for (const role of roles) {
      for (const holder of db.refsByNameLabel('role', role)) {
        db.update('role', holder, { subroles: [...db.get('role', holder).subroles, ref] });
      }
    }
  }
}

/**
 * `hostUuid`: this host in a pool database (many hosts); a standalone
 * database holds one host, this one. A host missing from the database is
 * created with that uuid. `asMaster` false: a pool slave, which leaves
 * `pool.master` to the master.
 */
export function firstStart(
  db: XapiDb,
  facts: HostFacts = readHostFacts(),
  hostUuid?: string,
  asMaster = true,
): Identity {
  return db.transaction(() => {
    let host = hostUuid === undefined ? [...db.all('host')][0]?.[0] : db.refByUuid('host', hostUuid);
    const sw = softwareVersion(facts);
    const cpu = cpuInfo(facts);
    if (host === undefined) {
      const metrics = db.create(
        'host_metrics',
        serverFields('host_metrics', {
          memory_total: facts.memoryTotalBytes,
          memory_free: facts.memoryTotalBytes,
          live: true,
          last_updated: now(),
          other_config: {},
        }),
      );
      host = db.create(
        'host',
        serverFields('host', {
          ...(hostUuid === undefined ? {} : { uuid: hostUuid }),
          name_label: facts.hostname,
          name_description: 'Default install',
          hostname: facts.hostname,
          address: facts.address,
          API_version_major: API_VERSION.major,
          API_version_minor: API_VERSION.minor,
          API_version_vendor: 'XenSource',
          API_version_vendor_implementation: {},
          enabled: true,
          software_version: sw,
          cpu_info: cpu,
          capabilities: ['hvm-3.0-x86_64'],
          other_config: {},
          metrics,
          sched_policy: 'credit',
          supported_bootloaders: [],
          logging: {},
          license_params: {},
          edition: 'xapi-ts',
        }),
      );
      for (const c of facts.cpus) {
        db.create(
          'host_cpu',
          serverFields('host_cpu', {
            host,
            number: c.number,
            vendor: c.vendor,
            speed: Math.round(c.speedMhz),
            modelname: c.modelname,
            family: c.family,
            model: c.model,
            stepping: c.stepping,
            flags: c.flags,
            features: '',
            utilisation: 0,
            other_config: {},
          }),
        );
      }
    } else {
      // Refresh what may have changed since the last start.
      const row = db.get('host', host);
      db.update('host', host, { software_version: sw, cpu_info: cpu, hostname: facts.hostname });
      const metrics = row.metrics;
      if (db.has('host_metrics', metrics)) {
        db.update('host_metrics', metrics, {
          memory_total: facts.memoryTotalBytes,
          live: true,
          last_updated: now(),
        });
      }
    }
    let pool = [...db.all('pool')][0]?.[0];
    if (pool === undefined) {
      pool = db.create(
        'pool',
        serverFields('pool', {
          name_label: '',
          name_description: '',
          master: host,
          default_SR: NULL_REF,
          suspend_image_SR: NULL_REF,
          crash_dump_SR: NULL_REF,
          other_config: {},
          cpu_info: cpu,
          restrictions: restrictions(),
        }),
      );
    } else if (asMaster) {
      db.update('pool', pool, { master: host, cpu_info: cpu, restrictions: restrictions() });
    }
    if (classByName.get('role')?.inDb) {
      ensureRoles(db);
      ensureHttpPermissions(db);
    }
    ensureNetworks(db, host, facts.address);
    if (classByName.get('VM')?.inDb) {
      ensureTemplates(db);
      ensureControlDomain(db, host, facts);
    }
    return { pool, host };
  });
}
