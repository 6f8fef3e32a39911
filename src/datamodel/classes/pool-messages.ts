// pool messages of membership: joining, ejecting, changing the master and the
// pool secret. Signatures and roles are xapi's (xenapi.json); the errors
// listed are those xapi-ts raises.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

const JOIN_PARAMS = [
  param('master_address', t.string, 'The hostname of the master of the pool to join.'),
  param('master_username', t.string, 'The username of the master (for initial authentication).'),
  param('master_password', t.string, 'The password for the master (for initial authentication).'),
];

const JOIN_ERRORS = [
  'SESSION_AUTHENTICATION_FAILED',
  'JOINING_HOST_CONNECTION_FAILED',
  'JOINING_HOST_SERVICE_FAILED',
  'HA_IS_ENABLED',
  'OPERATION_NOT_ALLOWED',
  'JOINING_HOST_CANNOT_BE_MASTER_OF_OTHER_HOSTS',
  'JOINING_HOST_CANNOT_HAVE_RUNNING_VMS',
  'JOINING_HOST_CANNOT_HAVE_VMS_WITH_CURRENT_OPERATIONS',
  'HOSTS_NOT_COMPATIBLE',
  'HOSTS_NOT_HOMOGENEOUS',
  'JOINING_HOST_CANNOT_CONTAIN_SHARED_SRS',
  'POOL_JOINING_HOST_MUST_HAVE_SAME_API_VERSION',
  'POOL_JOINING_HOST_MUST_HAVE_SAME_DB_SCHEMA',
  'INTERNAL_ERROR',
];

export const poolMembershipMessages: readonly MessageDecl[] = [
  call('join', {
    params: JOIN_PARAMS,
    errors: JOIN_ERRORS,
    role: 'pool-operator',
    async: true,
    doc:
      'Instruct host to join a new pool. Called on the joining host, which logs in to the master, ' +
      'runs the pre-join checks and gives up its own database.',
  }),
  call('join_force', {
    params: JOIN_PARAMS,
    errors: JOIN_ERRORS.filter((e) => e !== 'HOSTS_NOT_HOMOGENEOUS'),
    role: 'pool-operator',
    async: true,
    doc: 'Instruct host to join a new pool, skipping the check that the hosts are homogeneous.',
  }),
  call('eject', {
    params: [param('host', t.ref('host'), 'The host to eject.')],
    errors: ['HA_IS_ENABLED', 'OPERATION_NOT_ALLOWED', 'INTERNAL_ERROR'],
    role: 'pool-operator',
    async: true,
    doc: 'Instruct a pool master to eject a host from the pool.',
  }),
  call('designate_new_master', {
    params: [param('host', t.ref('host'), 'The host who should become the new master.')],
    errors: ['HA_IS_ENABLED', 'INTERNAL_ERROR'],
    role: 'pool-operator',
    async: true,
    doc: 'Perform an orderly handover of the role of master to the referenced host.',
  }),
  call('emergency_transition_to_master', {
    errors: ['HA_IS_ENABLED', 'INTERNAL_ERROR'],
    role: 'pool-operator',
    doc: "Instruct host that's currently a slave to transition to being master.",
  }),
  call('emergency_reset_master', {
    params: [param('master_address', t.string, 'The hostname of the master.')],
    errors: ['HA_IS_ENABLED', 'INTERNAL_ERROR'],
    role: 'pool-operator',
    doc: 'Instruct a slave already in a pool that the master has changed.',
  }),
  call('recover_slaves', {
    result: t.set(t.ref('host')),
    resultDoc: 'list of hosts whose master address were successfully reset',
    errors: ['INTERNAL_ERROR'],
    role: 'pool-operator',
    async: true,
    doc:
      'Instruct a pool master, M, to try and contact its slaves and, if slaves are in emergency mode, ' +
      'reset their master address to M.',
  }),
  call('rotate_secret', {
    errors: [
      'INTERNAL_ERROR',
      'HOST_IS_SLAVE',
      'CANNOT_CONTACT_HOST',
      'HA_IS_ENABLED',
      'NOT_SUPPORTED_DURING_UPGRADE',
    ],
    role: 'pool-admin',
    async: true,
    doc: 'Replace the pool secret that members use to authenticate to each other.',
  }),
];
