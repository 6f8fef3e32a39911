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
import { dataSourceActions } from '../rrdd/data-source-actions.js';
import { hostMiscActions } from './host-misc.js';
import { srMiscActions } from './sr-misc.js';
import { vdiMiscActions } from './vdi-misc.js';
import { vmQosActions } from './vm-qos.js';
import { hostPowerActions } from './host-power.js';
import { poolActions } from './pool.js';
import { vmMigrateActions } from './vm-migrate.js';
import { hostMigrateActions } from './host-migrate.js';
import { vmConfigActions } from './vm-config.js';
import { vmMemoryActions } from './vm-memory.js';
import { vbdConfigActions } from './vbd-config.js';
import { vifCreateActions } from './vif-create.js';
import { vifLockActions } from './vif-lock.js';
import { networkActions } from './network.js';
import { vbdQosActions } from './vbd-qos.js';
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
import { withVmAlerts } from '../alerts/vm-alerts.js';
import { vmMiscActions } from './vm-misc.js';
import { blobActions, hostBlobActions, networkBlobActions, poolBlobActions, srBlobActions } from './blob.js';
import { vmPlacementActions } from './vm-placement.js';

export function customActions(users: Users): CustomActions {
  return {
    session: sessionActions(users),
    task: taskActions,
    event: eventActions,
    host: {
      ...hostActions,
      ...dataSourceActions('host'),
      ...hostPowerActions,
      ...hostMigrateActions,
      ...hostCertificateActions,
      ...hostMiscActions,
      ...hostAbsentFeatureActions,
      ...hostSettingsActions,
      ...hostBlobActions,
    },
    pool: {
      ...poolActions,
      ...poolMembershipActions,
      ...poolAbsentFeatureActions,
      ...poolSettingsActions,
      ...poolTrustActions,
      ...poolBlobActions,
    },
    role: roleActions,
    subject: subjectActions(users),
    message: messageActions,
    secret: secretActions,
    SR: { ...srActions, ...dataSourceActions('SR'), ...srMiscActions, ...srBlobActions },
    VDI: { ...vdiActions, ...vdiMiscActions },
    PBD: pbdActions,
    VM: withVmAlerts({
      ...vmPowerActions,
      ...vmCopyActions,
      ...dataSourceActions('VM'),
      ...vmMigrateActions,
      ...vmQosActions,
      ...vmConfigActions,
      ...vmMemoryActions,
      ...vmAbsentFeatureActions,
      ...vmMiscActions,
      ...vmPlacementActions,
    }),
    VBD: { ...vbdActions, ...vbdConfigActions, ...vbdQosActions },
    VIF: { ...vifActions, ...vifCreateActions, ...vifLockActions },
    network: { ...networkActions, ...networkBlobActions },
    blob: blobActions,
  };
}
