// VDI.on_boot = reset: each time a VM starts with the disk, the disk's
// contents go back to what they were when reset was set. Setting reset takes
// a snapshot of the disk (the reset point, named in the disk's
// sm_config:on-boot-reset-point); before each start attaches the disk, the
// snapshot is copied back into it. Back to persist, the snapshot goes. The
// SR type must offer VDI_RESET_ON_BOOT (as xapi asks of its SM plugins).
import { apiError } from '../../datamodel/api-error.js';
import type { OnBoot } from '../../generated/api-types.js';
import type { XapiStorage } from './service.js';
import { copyVdi, destroyVdi, snapshotVdi } from './vdi-ops.js';
import { NULL_REF } from '../../datamodel/build.js';

export const RESET_POINT_KEY = 'on-boot-reset-point';

/** The reset point's ref, if the disk has one that still exists. */
function resetPoint(storage: XapiStorage, vdi: string): string | undefined {
  const uuid = storage.db.get('VDI', vdi).sm_config[RESET_POINT_KEY];
  const ref = uuid !== undefined ? storage.db.refByUuid('VDI', uuid) : undefined;
  return ref;
}

export async function setOnBoot(storage: XapiStorage, vdi: string, value: OnBoot): Promise<void> {
  const { db } = storage;
  const row = db.get('VDI', vdi);
  const srRow = db.get('SR', row.SR);
  if (!('VDI_RESET_ON_BOOT' in (storage.manager.plugin(srRow.type)?.features ?? {})))
    throw apiError('SR_OPERATION_NOT_SUPPORTED', { sr: row.SR });
  if (!row.managed) throw apiError('VDI_NOT_MANAGED', { vdi });
  storage.assertNotInUse(vdi, 'set_on_boot');
  const existing = resetPoint(storage, vdi);
  if (value === 'reset') {
    if (existing === undefined) {
      const point = await snapshotVdi(storage, vdi, {
        name_label: `${row.name_label} (on-boot reset point)`,
        name_description:
          'The contents the disk goes back to each time a VM starts with it (on_boot = reset).',
      });
      db.addToMap('VDI', vdi, 'sm_config', RESET_POINT_KEY, db.get('VDI', point).uuid);
    }
  } else {
    if (existing !== undefined) await destroyVdi(storage, existing);
    if (RESET_POINT_KEY in db.get('VDI', vdi).sm_config)
      db.removeFromMap('VDI', vdi, 'sm_config', RESET_POINT_KEY);
  }
  db.update('VDI', vdi, { on_boot: value });
}

/** Before a VM start attaches the disk: a reset disk gets its reset point's contents back. */
export async function resetBeforeStart(storage: XapiStorage, vdi: string): Promise<void> {
  const row = storage.db.get('VDI', vdi);
  if (row.on_boot !== 'reset') return;
  const point = resetPoint(storage, vdi);
  if (point === undefined) {
    throw apiError('INTERNAL_ERROR', {
      message: `VDI ${row.uuid} is on_boot=reset but its reset point is gone; set on_boot again`,
    });
  }
  await copyVdi(storage, point, NULL_REF, vdi);
}
