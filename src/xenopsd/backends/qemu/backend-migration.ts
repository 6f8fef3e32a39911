import { notSupported, type MigrationBackend } from '../api.js';
import type { QemuContext } from './backend.js';

export function qemuMigrationOf(_c: QemuContext): MigrationBackend {
  const no = () => Promise.reject(notSupported('qemu', 'live migration'));
  return {
    prepareIncoming: no,
    send: no,
    awaitIncoming: no,
    abortOutgoing: async () => undefined,
    rename() {},
  };
}
