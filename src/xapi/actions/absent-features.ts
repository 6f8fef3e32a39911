// Messages of features this toolstack does not have. Each answers what a xapi
// without the feature answers, from xapi's own checks:
// - WLB is a licensed feature: LICENCE_RESTRICTION (WLB) before anything else;
//   deconfigure_wlb only checks that a server is configured: WLB_NOT_INITIALIZED.
// - Editions: the hosts' own edition is the only one (apply_edition to it is a
//   no-op, any other is INVALID_EDITION); no licence files can be read.
// - External authentication: no plugin, so every auth_type is unknown; disabling
//   what is not enabled is a no-op, as in xapi.
// - Update repositories: a licensed feature (Updates) for syncing and applying;
//   none can be enabled (Repository objects do not exist), hence
//   HANDLE_INVALID for any repository and NO_REPOSITORIES_CONFIGURED.
// - Removed messages answer MESSAGE_REMOVED, as xapi's generated server does.
// The absent licensed features are published in pool.restrictions (src/xapi/features.ts).
import { ApiError, apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import type { XapiDb } from '../store.js';
import { readHostFacts } from '../host/facts.js';
import { softwareVersion } from '../first-start.js';
import { unlicensed } from '../features.js';
import { disableLocalCache } from '../host/local-cache.js';

const wlbUnlicensed = () => unlicensed('WLB');
const updatesUnlicensed = () => unlicensed('Updates');
const removed = () => apiError('MESSAGE_REMOVED', {});

function repositoryHandle(ref: string): ApiError {
  return apiError('HANDLE_INVALID', { class: 'Repository', handle: ref });
}

function assertEdition(db: XapiDb, host: string, edition: string): void {
  if (edition !== db.get('host', host).edition) throw apiError('INVALID_EDITION', { edition });
}

/** host.enable_external_auth's checks, in xapi's order. */
function assertAuthType(db: XapiDb, host: string, authType: string): never {
  const row = db.get('host', host);
  if (row.external_auth_type !== '') {
    throw apiError('AUTH_ALREADY_ENABLED', {
      'current auth_type': row.external_auth_type,
      'current service_name': row.external_auth_service_name,
    });
  }
  throw apiError('AUTH_UNKNOWN_TYPE', { type: authType });
}

/** The lowest edition of the pool's hosts: they all run the same one here. */
function poolEdition(db: XapiDb): string {
  const editions = new Set([...db.all('host')].map(([, h]) => h.edition));
  return [...editions].sort()[0] ?? '';
}

export const poolAbsentFeatureActions = {
  async initialize_wlb(
    _ctx: CallContext,
    _url: string,
    _user: string,
    _pwd: string,
    _xsUser: string,
    _xsPwd: string,
  ) {
    throw wlbUnlicensed();
  },
  async deconfigure_wlb(ctx: CallContext) {
    if (ctx.services.db.get('pool', ctx.services.pool).wlb_url === '')
      throw apiError('WLB_NOT_INITIALIZED', {});
    throw wlbUnlicensed();
  },
  async send_wlb_configuration(_ctx: CallContext, _config: Readonly<Record<string, string>>) {
    throw wlbUnlicensed();
  },
  async retrieve_wlb_configuration(_ctx: CallContext): Promise<Record<string, string>> {
    throw wlbUnlicensed();
  },
  async retrieve_wlb_recommendations(_ctx: CallContext): Promise<Record<string, string[]>> {
    throw wlbUnlicensed();
  },
  async get_license_state(ctx: CallContext, _self: string) {
    return { edition: poolEdition(ctx.services.db), expiry: 'never' };
  },
  async apply_edition(ctx: CallContext, _self: string, edition: string) {
    const { db } = ctx.services;
    for (const [host] of db.all('host')) assertEdition(db, host, edition);
  },
  async enable_external_auth(
    ctx: CallContext,
    _pool: string,
    _config: Readonly<Record<string, string>>,
    _serviceName: string,
    authType: string,
  ) {
    const { db } = ctx.services;
    for (const [host] of db.all('host')) assertAuthType(db, host, authType);
  },
  async disable_external_auth(_ctx: CallContext, _pool: string, _config: Readonly<Record<string, string>>) {
    // Nothing is enabled on any host (enable_external_auth never succeeds).
  },
  async detect_nonhomogeneous_external_auth(_ctx: CallContext, _pool: string) {
    // Every host has the same (empty) external authentication: nothing to report.
  },
  async set_repositories(_ctx: CallContext, _self: string, value: readonly string[]) {
    const [first] = value;
    if (first !== undefined) throw repositoryHandle(first);
  },
  async add_repository(_ctx: CallContext, _self: string, value: string) {
    throw repositoryHandle(value);
  },
  async remove_repository(_ctx: CallContext, _self: string, value: string) {
    throw repositoryHandle(value);
  },
  async sync_updates(
    _ctx: CallContext,
    _self: string,
    _force: boolean,
    _token: string,
    _tokenId: string,
  ): Promise<string> {
    throw updatesUnlicensed();
  },
  async check_update_readiness(_ctx: CallContext, _self: string, _reboot: boolean): Promise<string[][]> {
    throw updatesUnlicensed();
  },
  async set_update_sync_enabled(ctx: CallContext, self: string, value: boolean) {
    if (value) throw apiError('NO_REPOSITORIES_CONFIGURED', {});
    ctx.services.db.update('pool', self, { update_sync_enabled: false });
  },
  async enable_local_storage_caching(ctx: CallContext, _self: string) {
    // No SR type here has the local caching capability: every host fails.
    const hosts = [...ctx.services.db.all('host')].map(([ref]) => ref);
    if (hosts.length) throw new ApiError('HOSTS_FAILED_TO_ENABLE_CACHING', hosts);
  },
  async disable_local_storage_caching(ctx: CallContext, _self: string) {
    const { db } = ctx.services;
    const failed: string[] = [];
    for (const [host] of db.all('host')) {
      try {
        disableLocalCache(db, host);
      } catch {
        failed.push(host);
      }
    }
    if (failed.length) throw new ApiError('HOSTS_FAILED_TO_DISABLE_CACHING', failed);
  },
  async set_vswitch_controller(_ctx: CallContext, _address: string) {
    throw apiError('OPERATION_NOT_ALLOWED', { reason: 'host not configured for vswitch operation' });
  },
  async test_archive_target(
    _ctx: CallContext,
    _self: string,
    _config: Readonly<Record<string, string>>,
  ): Promise<string> {
    throw removed();
  },
  async enable_ssl_legacy(_ctx: CallContext, _self: string) {
    throw removed();
  },
  async disable_ssl_legacy(_ctx: CallContext, _self: string) {
    // Legacy SSL is never on.
  },
  async set_uefi_certificates(_ctx: CallContext, _self: string, _value: string) {
    throw apiError('OPERATION_NOT_ALLOWED', {
      reason: 'Setting UEFI certificates is deprecated, please use `set_custom_uefi_certificates`',
    });
  },
  async set_custom_uefi_certificates(_ctx: CallContext, _self: string, _value: string) {
    throw apiError('OPERATION_NOT_ALLOWED', {
      reason: 'Setting UEFI certificates is not possible when allow_custom_uefi_certs is false',
    });
  },
  async has_extension(_ctx: CallContext, _self: string, _name: string) {
    return false;
  },
};

export const hostAbsentFeatureActions = {
  async retrieve_wlb_evacuate_recommendations(
    _ctx: CallContext,
    _self: string,
  ): Promise<Record<string, string[]>> {
    throw wlbUnlicensed();
  },
  async apply_edition(ctx: CallContext, host: string, edition: string, _force: boolean) {
    assertEdition(ctx.services.db, host, edition);
  },
  async license_add(_ctx: CallContext, _host: string, _contents: string) {
    throw apiError('LICENSE_PROCESSING_ERROR', {});
  },
  async license_remove(_ctx: CallContext, _host: string) {
    // No licence file can be installed, so none is there to remove.
  },
  async license_apply(_ctx: CallContext, _host: string, _contents: string) {
    throw removed();
  },
  async refresh_pack_info(ctx: CallContext, host: string) {
    ctx.services.db.update('host', host, { software_version: softwareVersion(readHostFacts()) });
  },
  async enable_external_auth(
    ctx: CallContext,
    host: string,
    _config: Readonly<Record<string, string>>,
    _serviceName: string,
    authType: string,
  ) {
    assertAuthType(ctx.services.db, host, authType);
  },
  async disable_external_auth(_ctx: CallContext, _host: string, _config: Readonly<Record<string, string>>) {
    // Nothing is enabled (enable_external_auth never succeeds).
  },
  async apply_updates(_ctx: CallContext, _self: string, _hash: string): Promise<string[][]> {
    throw updatesUnlicensed();
  },
  async emergency_clear_mandatory_guidance(ctx: CallContext) {
    ctx.services.db.update('host', ctx.services.host, { pending_guidances: [] });
  },
  async apply_recommended_guidances(_ctx: CallContext, _self: string) {
    throw removed();
  },
  async set_cpu_features(_ctx: CallContext, _host: string, _features: string) {
    throw removed();
  },
  async reset_cpu_features(_ctx: CallContext, _host: string) {
    throw removed();
  },
  async call_extension(_ctx: CallContext, _host: string, call: string): Promise<string> {
    // xapi parses the JSON-RPC call, then looks its method up among the installed extensions.
    let method: unknown;
    try {
      method = (JSON.parse(call) as { method?: unknown }).method;
    } catch {
      method = undefined;
    }
    if (typeof method !== 'string')
      throw apiError('INTERNAL_ERROR', { message: 'the call is not a JSON-RPC call' });
    throw apiError('MESSAGE_METHOD_UNKNOWN', { method });
  },
  async has_extension(_ctx: CallContext, _host: string, _name: string) {
    return false;
  },
  async set_ssl_legacy(_ctx: CallContext, _self: string, value: boolean) {
    if (value) {
      throw apiError('VALUE_NOT_SUPPORTED', {
        field: 'value',
        value: String(value),
        reason: 'Legacy SSL support has been removed',
      });
    }
  },
  async set_uefi_certificates(_ctx: CallContext, _host: string, _value: string) {
    throw apiError('OPERATION_NOT_ALLOWED', {
      reason: 'To set UEFI certificates use: `Pool.set_custom_uefi_certificates`',
    });
  },
};

export const vmAbsentFeatureActions = {
  async retrieve_wlb_recommendations(_ctx: CallContext, _vm: string): Promise<Record<string, string[]>> {
    throw wlbUnlicensed();
  },
  async set_protection_policy(_ctx: CallContext, _self: string, _value: string) {
    throw removed();
  },
};
