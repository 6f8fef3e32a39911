// The in-memory VDI locks of a standalone host against the shared suite.
import { runVdiLocksConformance } from '../../test/conformance/vdi-locks.suite.js';
import { LocalVdiLocks } from './vdi-locks.js';

runVdiLocksConformance({
  name: 'local',
  open: async () => {
    const locks = new LocalVdiLocks();
    return {
      hosts: Array.from({ length: 8 }, (_, i) => `host-${i}`),
      locks: () => locks,
      dispose: async () => undefined,
    };
  },
});
