// The storage manager and its SR types.
import { haveQemuImg } from './qemu-img.js';
import { filePlugin } from './file-plugin.js';
import { LocalStorageManager } from './manager.js';
import { simPlugin } from './sim-plugin.js';

export * from './types.js';
export { LocalStorageManager } from './manager.js';
export { filePlugin } from './file-plugin.js';
export { simPlugin } from './sim-plugin.js';
export { haveQemuImg } from './qemu-img.js';

/** The manager with every SR type this machine can run (`file` needs qemu-img). */
export function createStorageManager(): LocalStorageManager {
  return new LocalStorageManager(haveQemuImg() ? [filePlugin, simPlugin] : [simPlugin]);
}
