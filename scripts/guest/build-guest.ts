// Builds (or finds in the cache) the test guest and prints where it is, as JSON.
//   node --import tsx scripts/guest/build-guest.ts [--cache-dir DIR]
import { ensureGuestImage } from '../../src/xenopsd/backends/qemu/guest-image/build.js';

const i = process.argv.indexOf('--cache-dir');
const cacheDir = i > 0 ? process.argv[i + 1] : undefined;
const image = await ensureGuestImage({ ...(cacheDir ? { cacheDir } : {}), log: (l) => console.error(l) });
console.log(JSON.stringify(image, null, 2));
