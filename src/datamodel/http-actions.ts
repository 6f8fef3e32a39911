// The HTTP handlers of the API and the permission each needs: xapi's
// `http_actions`. Each action is a permission named `http/<name>` that the
// roles at least as powerful as its role hold (role.get_permissions_name_label
// lists them), and a handler can only be served under an action of this list
// (src/xapi/http/router.ts refuses any other), so that none forgets its check.
import { rolesFrom } from './build.js';
import type { Role } from './types.js';

/** xapi's prefix of the permissions of HTTP handlers. */
export const HTTP_PERMISSION_PREFIX = 'http/';

export interface HttpAction {
  /** xapi's name of the handler (`get_rrd_updates`, `connect_console`, …). */
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'CONNECT';
  readonly path: string;
  /** A WebSocket upgrade of a GET (Xen Orchestra's consoles). */
  readonly upgrade?: true;
  /** The least powerful role allowed; 'local-superuser': no role, only local root. */
  readonly role: Role | 'local-superuser';
  /**
   * False for the handlers xapi serves without a check of their own: the RPC
   * endpoints check each call's session and roles, public blobs need none.
   */
  readonly checked: boolean;
  /** Finer permissions `http/<name>/<sub>` a handler asks for in some cases (a host's console). */
  readonly sub?: Readonly<Record<string, Role>>;
}

const action = (
  name: string,
  method: HttpAction['method'],
  path: string,
  role: HttpAction['role'],
  extra: Partial<Pick<HttpAction, 'upgrade' | 'checked' | 'sub'>> = {},
): HttpAction => ({ name, method, path, role, checked: true, ...extra });

/** xapi's HTTP actions, for the handlers this toolstack serves or is about to. */
export const httpActions: readonly HttpAction[] = [
  // The RPC endpoints: every call is checked as it is dispatched.
  action('post_root', 'POST', '/', 'read-only', { checked: false }),
  action('post_jsonrpc', 'POST', '/jsonrpc', 'read-only', { checked: false }),
  action('get_rrd_updates', 'GET', '/rrd_updates', 'read-only'),
  action('get_host_rrd', 'GET', '/host_rrd', 'read-only'),
  action('get_vm_rrd', 'GET', '/vm_rrd', 'read-only'),
  action('post_services_xenops', 'POST', '/services/xenops', 'vm-power-admin'),
  // Only a pool admin reaches the console of a host's control domain.
  action('connect_console', 'CONNECT', '/console', 'vm-operator', { sub: { host_console: 'pool-admin' } }),
  action('connect_console_ws', 'GET', '/console', 'vm-operator', {
    upgrade: true,
    sub: { host_console_ws: 'pool-admin' },
  }),
  action('put_import', 'PUT', '/import', 'vm-admin'),
  action('put_import_metadata', 'PUT', '/import_metadata', 'vm-admin'),
  action('put_import_raw_vdi', 'PUT', '/import_raw_vdi', 'vm-admin'),
  action('get_export', 'GET', '/export', 'vm-admin'),
  action('get_export_metadata', 'GET', '/export_metadata', 'vm-admin'),
  action('get_export_raw_vdi', 'GET', '/export_raw_vdi', 'vm-admin'),
  // A public blob needs no session; the handler checks the others itself.
  action('get_blob', 'GET', '/blob', 'read-only', { checked: false }),
  action('put_blob', 'PUT', '/blob', 'vm-power-admin'),
  // xapi-ts's own steps of pool.join between the joiner and the master
  // (src/pool/join-http.ts): the joiner brings a user session of the master
  // in the body (prepare) or the pool secret it was given (commit), and each
  // handler checks that itself.
  action('post_pool_join_prepare', 'POST', '/pool/join-prepare', 'pool-operator', { checked: false }),
  action('post_pool_join_commit', 'POST', '/pool/join-commit', 'pool-admin', { checked: false }),
];

/** The permission name of an action, or of one of its finer permissions. */
export function httpPermission(a: HttpAction, sub?: string): string {
  return `${HTTP_PERMISSION_PREFIX}${a.name}${sub === undefined ? '' : `/${sub}`}`;
}

/** The roles holding an action's permission (or a finer one). */
export function httpRoles(a: HttpAction, sub?: string): readonly Role[] {
  const role = sub === undefined ? a.role : a.sub?.[sub];
  if (role === undefined) throw new Error(`HTTP action ${a.name} has no permission ${String(sub)}`);
  return role === 'local-superuser' ? [] : rolesFrom(role);
}

/** Every permission the HTTP actions define, with the roles holding it. */
export function httpPermissions(): { name: string; roles: readonly Role[] }[] {
  return httpActions.flatMap((a) => [
    { name: httpPermission(a), roles: httpRoles(a) },
    ...Object.keys(a.sub ?? {}).map((s) => ({ name: httpPermission(a, s), roles: httpRoles(a, s) })),
  ]);
}

/** The action serving a request: a plain request, a CONNECT or a WebSocket upgrade. */
export function httpActionFor(
  kind: 'request' | 'connect' | 'upgrade',
  method: string,
  path: string,
): HttpAction | undefined {
  return httpActions.find((a) => {
    if (a.path !== path) return false;
    if (kind === 'connect') return a.method === 'CONNECT';
    if (kind === 'upgrade') return a.upgrade === true && a.method === 'GET';
    return a.method === method && a.upgrade !== true;
  });
}
