// host.* settings: HTTPS only (read by the plain HTTP listener on every
// request, see src/xapi/http/server.ts), TLS verification switches for
// emergencies, the server certificate, the display state, storage initiator
// settings, NUMA policy, scheduling granularity and local storage caching.
// Validation and errors follow xapi's.
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import { recordServerCertificate } from './certificate.js';
import { assertHostQuiet, disableLocalCache } from '../host/local-cache.js';

type Display = 'enabled' | 'disable_on_reboot' | 'disabled' | 'enable_on_reboot';

/** xapi's display transitions: a change takes effect at the next reboot, a change back cancels it. */
const ENABLE: Readonly<Record<Display, Display>> = {
  enabled: 'enabled',
  disable_on_reboot: 'enabled',
  disabled: 'enable_on_reboot',
  enable_on_reboot: 'enable_on_reboot',
};

async function resetCertificate(ctx: CallContext): Promise<void> {
  const { tls, db, host } = ctx.services;
  await tls.reset();
  recordServerCertificate(db, host, tls.certificate.certificate);
}

export const hostSettingsActions = {
  async set_https_only(ctx: CallContext, self: string, value: boolean) {
    const { db } = ctx.services;
    db.get('host', self);
    // Unlike xapi's, the hosts of a pool here call each other over plain HTTP: closing it would cut the pool.
    if (value && [...db.all('host')].length > 1) {
      throw apiError('OPERATION_NOT_ALLOWED', {
        reason: 'the hosts of this pool reach each other over plain HTTP',
      });
    }
    db.update('host', self, { https_only: value });
  },
  async emergency_disable_tls_verification(ctx: CallContext) {
    ctx.services.db.update('host', ctx.services.host, { tls_verification_enabled: false });
  },
  async emergency_reenable_tls_verification(ctx: CallContext) {
    const { db, pool, host } = ctx.services;
    if (!db.get('pool', pool).tls_verification_enabled)
      throw apiError('TLS_VERIFICATION_NOT_ENABLED_IN_POOL', {});
    db.update('host', host, { tls_verification_enabled: true });
  },
  async emergency_reset_server_certificate(ctx: CallContext) {
    await resetCertificate(ctx);
  },
  async refresh_server_certificate(ctx: CallContext, _host: string) {
    await resetCertificate(ctx);
  },
  async enable_display(ctx: CallContext, host: string) {
    const { db } = ctx.services;
    const next = ENABLE[db.get('host', host).display as Display];
    db.update('host', host, { display: next });
    return next;
  },
  async disable_display(_ctx: CallContext, _host: string): Promise<Display> {
    // xapi needs the Integrated_GPU feature to turn the host display off (src/xapi/features.ts).
    throw apiError('FEATURE_RESTRICTED', {});
  },
  async set_iscsi_iqn(ctx: CallContext, host: string, value: string) {
    if (value === '') throw apiError('INVALID_VALUE', { field: 'value', value });
    const { db } = ctx.services;
    // xapi keeps the legacy other_config:iscsi_iqn in step with the field.
    db.update('host', host, {
      iscsi_iqn: value,
      other_config: { ...db.get('host', host).other_config, iscsi_iqn: value },
    });
  },
  async set_multipathing(ctx: CallContext, host: string, value: boolean) {
    const { db } = ctx.services;
    const other = { ...db.get('host', host).other_config, multipathing: String(value) };
    db.update('host', host, { multipathing: value, other_config: other });
  },
  async set_numa_affinity_policy(
    ctx: CallContext,
    self: string,
    value: 'any' | 'best_effort' | 'default_policy',
  ) {
    ctx.services.db.update('host', self, { numa_affinity_policy: value });
  },
  async get_sched_gran(ctx: CallContext, self: string): Promise<'core' | 'cpu' | 'socket'> {
    ctx.services.db.get('host', self);
    return 'cpu';
  },
  async set_sched_gran(_ctx: CallContext, _self: string, _value: 'core' | 'cpu' | 'socket') {
    // xapi's default configuration (allow-host-sched-gran-modification = false).
    throw apiError('OPERATION_NOT_ALLOWED', { reason: 'Disabled by xapi.conf' });
  },
  async enable_local_storage_caching(ctx: CallContext, host: string, sr: string) {
    const { db } = ctx.services;
    assertHostQuiet(db, host);
    db.get('SR', sr);
    // No SR driver of this toolstack has the local caching capability (xapi checks it
    // before whether the host sees the SR).
    throw apiError('SR_OPERATION_NOT_SUPPORTED', { sr });
  },
  async disable_local_storage_caching(ctx: CallContext, host: string) {
    disableLocalCache(ctx.services.db, host);
  },
};
