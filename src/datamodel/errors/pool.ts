// Errors of pools: joining, the master's role, intra-pool calls. Wire codes
// and parameter names are xapi's (datamodel_errors.ml); several drop the
// `POOL_` prefix of their OCaml names.
import type { ErrorTable } from './table.js';

export const poolErrors = {
  JOINING_HOST_CANNOT_CONTAIN_SHARED_SRS: {
    params: [],
    doc: 'The host joining the pool cannot contain any shared storage.',
  },
  JOINING_HOST_CANNOT_HAVE_RUNNING_VMS: {
    params: [],
    doc: 'The host joining the pool cannot have any running VMs.',
  },
  JOINING_HOST_CANNOT_HAVE_VMS_WITH_CURRENT_OPERATIONS: {
    params: [],
    doc: 'The host joining the pool cannot have any VMs with active tasks.',
  },
  JOINING_HOST_CANNOT_BE_MASTER_OF_OTHER_HOSTS: {
    params: [],
    doc: 'The host joining the pool cannot already be a master of another pool.',
  },
  JOINING_HOST_CONNECTION_FAILED: {
    params: [],
    doc: 'There was an error connecting to the host while joining it to the pool.',
  },
  JOINING_HOST_SERVICE_FAILED: {
    params: [],
    doc: 'There was an error connecting to the host; the service contacted did not reply properly.',
  },
  POOL_JOINING_HOST_MUST_HAVE_SAME_API_VERSION: {
    params: ['host_api_version', 'master_api_version'],
    doc: 'The host joining the pool must have the same API version as the pool master.',
  },
  POOL_JOINING_HOST_MUST_HAVE_SAME_DB_SCHEMA: {
    params: ['host_db_schema', 'master_db_schema'],
    doc: 'The host joining the pool must have the same database schema as the pool master.',
  },
  HOSTS_NOT_COMPATIBLE: {
    params: [],
    doc: 'The hosts in this pool are not compatible.',
  },
  HOSTS_NOT_HOMOGENEOUS: {
    params: ['reason'],
    doc: 'The hosts in this pool are not homogeneous.',
  },
  HA_IS_ENABLED: {
    params: [],
    doc: 'The operation could not be performed because HA is enabled on the pool.',
  },
  CANNOT_CONTACT_HOST: {
    params: ['host'],
    doc: 'Cannot forward messages because the host cannot be contacted.',
  },
  NOT_SUPPORTED_DURING_UPGRADE: {
    params: [],
    doc: 'This operation is not supported during an upgrade.',
  },
  HOST_IN_EMERGENCY_MODE: {
    params: [],
    doc: 'The host cannot reach its pool master and accepts only emergency calls.',
  },
  NOT_IN_EMERGENCY_MODE: {
    params: [],
    doc: 'This pool is not in emergency mode.',
  },
  HOST_ITS_OWN_SLAVE: {
    params: [],
    doc: 'The host is its own slave. Please use pool.emergency_transition_to_master or pool.emergency_reset_master.',
  },
} as const satisfies ErrorTable;
