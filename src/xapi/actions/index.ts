// The hand-written messages of every class, checked against the generated
// CustomActions interface: a declared message without an implementation
// does not compile.
import type { CustomActions } from '../generated/actions.js';
import type { Users } from '../users.js';
import { eventActions } from './event.js';
import { hostActions } from './host.js';
import { messageActions } from './message.js';
import { roleActions } from './role.js';
import { secretActions } from './secret.js';
import { sessionActions } from './session.js';
import { subjectActions } from './subject.js';
import { taskActions } from './task.js';
import { srActions } from './sr.js';
import { vdiActions } from './vdi.js';
import { pbdActions } from './pbd.js';
import { vmCopyActions } from './vm-copy.js';
import { vbdActions } from './vbd.js';
import { vifActions } from './vif.js';
import { vmPowerActions } from './vm-power.js';
import { hostMetricsActions } from './host-metrics.js';
import { vmMetricsActions } from './vm-metrics.js';
import { vmQosActions } from './vm-qos.js';
import { hostPowerActions } from './host-power.js';
import { poolActions } from './pool.js';
import { vmMigrateActions } from './vm-migrate.js';
import { hostMigrateActions } from './host-migrate.js';
import { vmConfigActions } from './vm-config.js';
import { vmMemoryActions } from './vm-memory.js';
import { vbdConfigActions } from './vbd-config.js';
import { vifCreateActions } from './vif-create.js';
import { hostCertificateActions } from './certificate.js';
import { poolMembershipActions } from '../pool/actions.js';
import {
  hostAbsentFeatureActions,
  poolAbsentFeatureActions,
  vmAbsentFeatureActions,
} from './absent-features.js';
import { hostSettingsActions } from './host-settings.js';
import { poolSettingsActions } from './pool-settings.js';
import { poolTrustActions } from './trust.js';
import { vmPlacementActions } from './vm-placement.js';

export function customActions(users: Users): CustomActions {
  return {
    session: sessionActions(users),
    task: taskActions,
    event: eventActions,
    host: {
      ...hostActions,
      ...hostMetricsActions,
      ...hostPowerActions,
      ...hostMigrateActions,
      ...hostCertificateActions,
      ...hostAbsentFeatureActions,
      ...hostSettingsActions,
    },
    pool: {
      ...poolActions,
      ...poolMembershipActions,
      ...poolAbsentFeatureActions,
      ...poolSettingsActions,
      ...poolTrustActions,
    },
    role: roleActions,
    subject: subjectActions(users),
    message: messageActions,
    secret: secretActions,
    SR: srActions,
    VDI: vdiActions,
    PBD: pbdActions,
    VM: {
      ...vmPowerActions,
      ...vmCopyActions,
      ...vmMetricsActions,
      ...vmMigrateActions,
      ...vmQosActions,
      ...vmConfigActions,
      ...vmMemoryActions,
      ...vmAbsentFeatureActions,
      ...vmPlacementActions,
    },
    VBD: { ...vbdActions, ...vbdConfigActions },
    VIF: { ...vifActions, ...vifCreateActions },
  };
}
