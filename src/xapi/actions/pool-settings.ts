// pool.* settings: authentication limits (the local one bounds concurrent
// password checks at once, see src/xapi/auth/throttle.ts), the guest agent
// configuration, HTTPS only on every host, telemetry, the repository proxy,
// the update synchronisation schedule and client certificate authentication.
// Validation and errors follow xapi's.
import { randomUUID } from 'node:crypto';
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import type { XapiDb } from '../store.js';
import { hostSettingsActions } from './host-settings.js';

const NULL = 'OpaqueRef:NULL';

function assertPositive(value: number): void {
  if (!Number.isInteger(value) || value < 1) throw apiError('INVALID_VALUE', { field: 'value', value });
}

function isHttpUrl(s: string): boolean {
  try {
    const { protocol } = new URL(s);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The keys guest agents understand, with what makes a value valid (xapi's requirements). */
const GUEST_AGENT_KEYS: Readonly<Record<string, (v: string) => boolean>> = {
  auto_update_enabled: (v) => v === 'true' || v === 'false',
  auto_update_url: isHttpUrl,
};

function newSecret(db: XapiDb, value: string): string {
  return db.create('secret', { uuid: randomUUID(), value, other_config: {} });
}

function destroySecret(db: XapiDb, ref: string): void {
  if (ref !== NULL && db.has('secret', ref)) db.destroy('secret', ref);
}

/** `YYYYMMDDTHH:MM:SSZ` → milliseconds since the epoch. */
function datetimeMs(s: string): number {
  return Date.parse(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 17)}Z`);
}

const DAY_MS = 24 * 3600 * 1000;
/** Two telemetry intervals, as xapi bounds the next collection. */
const TELEMETRY_HORIZON_DAYS: Readonly<Record<string, number>> = { daily: 2, weekly: 14, monthly: 62 };

export const poolSettingsActions = {
  async set_local_auth_max_threads(ctx: CallContext, self: string, value: number) {
    assertPositive(value);
    ctx.services.db.update('pool', self, { local_auth_max_threads: value });
  },
  async set_ext_auth_max_threads(ctx: CallContext, self: string, value: number) {
    assertPositive(value);
    ctx.services.db.update('pool', self, { ext_auth_max_threads: value });
  },
  async add_to_guest_agent_config(ctx: CallContext, self: string, key: string, value: string) {
    const valid = GUEST_AGENT_KEYS[key];
    if (!valid?.(value)) {
      throw apiError('INVALID_VALUE', { field: 'guest_agent_config', value: `${key} = ${value}` });
    }
    const { db } = ctx.services;
    db.update('pool', self, {
      guest_agent_config: { ...db.get('pool', self).guest_agent_config, [key]: value },
    });
  },
  async remove_from_guest_agent_config(ctx: CallContext, self: string, key: string) {
    const { db } = ctx.services;
    const { [key]: _gone, ...rest } = db.get('pool', self).guest_agent_config;
    db.update('pool', self, { guest_agent_config: rest });
  },
  async set_https_only(ctx: CallContext, _self: string, value: boolean) {
    for (const [host] of ctx.services.db.all('host'))
      await hostSettingsActions.set_https_only(ctx, host, value);
  },
  async reset_telemetry_uuid(ctx: CallContext, self: string) {
    const { db } = ctx.services;
    const old = db.get('pool', self).telemetry_uuid;
    db.update('pool', self, { telemetry_uuid: newSecret(db, randomUUID()) });
    destroySecret(db, old);
  },
  async set_telemetry_next_collection(ctx: CallContext, self: string, value: string) {
    const { db } = ctx.services;
    const days = TELEMETRY_HORIZON_DAYS[db.get('pool', self).telemetry_frequency] ?? 14;
    if (datetimeMs(value) > Date.now() + days * DAY_MS) {
      const iso = new Date(datetimeMs(value)).toISOString().replace(/\.\d{3}Z$/, 'Z');
      throw apiError('TELEMETRY_NEXT_COLLECTION_TOO_LATE', { timestamp: iso });
    }
    db.update('pool', self, { telemetry_next_collection: value });
  },
  async configure_repository_proxy(
    ctx: CallContext,
    self: string,
    url: string,
    username: string,
    password: string,
  ) {
    if (!isHttpUrl(url)) throw apiError('INVALID_REPOSITORY_PROXY_URL', { url });
    if ((username === '') !== (password === '') || /\n/.test(username) || /\n/.test(password)) {
      throw apiError('INVALID_REPOSITORY_PROXY_CREDENTIAL', {});
    }
    const { db } = ctx.services;
    const old = db.get('pool', self).repository_proxy_password;
    db.update('pool', self, {
      repository_proxy_url: url,
      repository_proxy_username: username,
      repository_proxy_password: password === '' ? NULL : newSecret(db, password),
    });
    destroySecret(db, old);
  },
  async disable_repository_proxy(ctx: CallContext, self: string) {
    const { db } = ctx.services;
    const old = db.get('pool', self).repository_proxy_password;
    db.update('pool', self, {
      repository_proxy_url: '',
      repository_proxy_username: '',
      repository_proxy_password: NULL,
    });
    destroySecret(db, old);
  },
  async configure_update_sync(ctx: CallContext, self: string, frequency: 'daily' | 'weekly', day: number) {
    if (frequency === 'weekly' && (day < 0 || day > 6)) throw apiError('INVALID_UPDATE_SYNC_DAY', { day });
    ctx.services.db.update('pool', self, {
      update_sync_frequency: frequency,
      update_sync_day: frequency === 'daily' ? 0 : day,
    });
  },
  async enable_client_certificate_auth(ctx: CallContext, self: string, name: string) {
    ctx.services.db.update('pool', self, {
      client_certificate_auth_enabled: true,
      client_certificate_auth_name: name,
    });
  },
  async disable_client_certificate_auth(ctx: CallContext, self: string) {
    ctx.services.db.update('pool', self, {
      client_certificate_auth_enabled: false,
      client_certificate_auth_name: '',
    });
  },
};
