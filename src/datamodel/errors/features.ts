// Errors of features this toolstack does not have (workload balancing,
// licences, external authentication, update repositories, local storage
// caching) and of the settings that go with them. Codes and parameters as
// xapi names them, so that clients see what a xapi without the feature says.
import type { ErrorTable } from './table.js';

export const featureErrors = {
  FEATURE_RESTRICTED: { params: [], doc: 'The use of this feature is restricted.' },
  HOST_IN_USE: {
    params: ['host', 'type', 'ref'],
    doc: 'The host is in use by (at least) the object of type and ref given.',
  },
  INVALID_EDITION: { params: ['edition'], doc: 'The edition supplied is invalid.' },
  LICENSE_PROCESSING_ERROR: { params: [], doc: 'There was an error processing the licence.' },
  HOSTS_FAILED_TO_ENABLE_CACHING: {
    params: ['host'],
    doc: 'Local storage caching could not be enabled on these hosts (one parameter per host).',
  },
  HOSTS_FAILED_TO_DISABLE_CACHING: {
    params: ['host'],
    doc: 'Local storage caching could not be disabled on these hosts (one parameter per host).',
  },
  WLB_NOT_INITIALIZED: { params: [], doc: 'No WLB connection is configured.' },
  AUTH_ALREADY_ENABLED: {
    params: ['current auth_type', 'current service_name'],
    doc: 'External authentication for this server is already enabled.',
  },
  AUTH_UNKNOWN_TYPE: { params: ['type'], doc: 'Unknown type of external authentication.' },
  NO_REPOSITORIES_CONFIGURED: { params: [], doc: 'No update repositories have been configured.' },
  INVALID_REPOSITORY_PROXY_URL: { params: ['url'], doc: 'The repository proxy URL is invalid.' },
  INVALID_REPOSITORY_PROXY_CREDENTIAL: {
    params: [],
    doc: 'The repository proxy username/password is invalid.',
  },
  INVALID_UPDATE_SYNC_DAY: { params: ['day'], doc: 'Invalid day of the week chosen for weekly update sync.' },
  TELEMETRY_NEXT_COLLECTION_TOO_LATE: {
    params: ['timestamp'],
    doc: 'The next telemetry collection is too far in the future: pick a time within two intervals from now.',
  },
} as const satisfies ErrorTable;
