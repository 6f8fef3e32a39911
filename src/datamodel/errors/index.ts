// The closed registry of XenAPI error codes: every error the toolstack can
// return is declared in one of the tables below, with named parameters.
import { coreErrors } from './core.js';
import { hostErrors } from './host.js';
import { storageErrors } from './storage.js';
import { vmErrors } from './vm.js';
import { switchErrors } from './switch.js';
import type { ErrorTable } from './table.js';
import { xenopsErrors } from './xenops.js';
import { rrddErrors } from './rrdd.js';
import { vmCopyErrors } from './vm-copy.js';
import { hostOpErrors } from './host-ops.js';
import { migrationErrors } from './migration.js';
import { vmConfigErrors } from './vm-config.js';
import { xenopsXenapiErrors } from './xenops-xenapi.js';
import { tlsErrors } from './tls.js';
import { poolErrors } from './pool.js';
import { hostMiscErrors } from './host-misc.js';
import { featureErrors } from './features.js';
import { trustErrors } from './trust.js';
import { vmMiscErrors } from './vm-misc.js';
import { networkErrors } from './network.js';
import { placementErrors } from './placement.js';

export const errors = {
  ...coreErrors,
  ...vmErrors,
  ...hostErrors,
  ...storageErrors,
  ...switchErrors,
  ...xenopsErrors,
  ...rrddErrors,
  ...vmCopyErrors,
  ...hostOpErrors,
  ...migrationErrors,
  ...vmConfigErrors,
  ...xenopsXenapiErrors,
  ...tlsErrors,
  ...poolErrors,
  ...hostMiscErrors,
  ...featureErrors,
  ...trustErrors,
  ...vmMiscErrors,
  ...networkErrors,
  ...placementErrors,
} as const satisfies ErrorTable;

export type ErrorCode = keyof typeof errors;
export type ErrorParams<C extends ErrorCode> = (typeof errors)[C]['params'][number];

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errors, code);
}
