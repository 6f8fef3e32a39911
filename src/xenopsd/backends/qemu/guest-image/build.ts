// Builds the small test guest from Debian packages, reproducibly, and caches it:
// the Debian kernel (its bzImage, and the vmlinux inside it decompressed once for PVH
// boot) plus a busybox initramfs (see rootfs.ts). Needs apt-get, dpkg-deb and xz, and
// apt lists (`apt-get update`); nothing is installed and no chroot is used.
// The cache directory is keyed by the package versions and the recipe's own source.
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { bzImagePayload } from './bzimage.js';
import { cpioArchive } from './cpio.js';
import { loadOrder, moduleDepends, moduleName } from './modules.js';
import { GUEST_MODULES, guestRootfs, type GuestModule } from './rootfs.js';

const run = promisify(execFile);

export interface DebianPackage {
  readonly name: string;
  readonly version: string;
}

export interface GuestImage {
  readonly dir: string;
  /** Uncompressed ELF kernel with the PVH note: boot it with `-kernel` for a fast boot. */
  readonly vmlinux: string;
  /** The original compressed bzImage. */
  readonly vmlinuz: string;
  readonly initrd: string;
  readonly kernelVersion: string;
  readonly key: string;
  readonly packages: readonly DebianPackage[];
}

export interface GuestImageOptions {
  /** Defaults to $XAPI_TS_CACHE_DIR, else `.cache` at the repository root. */
  readonly cacheDir?: string;
  readonly log?: (line: string) => void;
}

export function defaultCacheDir(): string {
  return process.env.XAPI_TS_CACHE_DIR || new URL('../../../../../.cache', import.meta.url).pathname;
}

async function candidate(pkg: string): Promise<DebianPackage> {
  const { stdout } = await run('apt-cache', ['show', '--no-all-versions', pkg]);
  const version = /^Version: (\S+)$/m.exec(stdout)?.[1];
  if (!version) throw new Error(`apt-cache has no candidate version of ${pkg} (run apt-get update)`);
  return { name: pkg, version };
}

/** The versioned kernel package that linux-image-amd64 currently points at. */
async function kernelPackage(): Promise<DebianPackage> {
  const { stdout } = await run('apt-cache', ['depends', 'linux-image-amd64']);
  const name = /Depends: (linux-image-\S+)/.exec(stdout)?.[1];
  if (!name) throw new Error('cannot resolve linux-image-amd64 with apt-cache (run apt-get update)');
  return candidate(name);
}

async function recipeHash(): Promise<string> {
  const h = createHash('sha256');
  for (const f of ['build.ts', 'rootfs.ts', 'cpio.ts', 'modules.ts', 'bzimage.ts']) {
    h.update(f).update(await readFile(new URL(f, import.meta.url)));
  }
  return h.digest('hex');
}

async function findModules(dir: string, out = new Map<string, string>()): Promise<Map<string, string>> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await findModules(p, out);
    else if (e.name.endsWith('.ko')) out.set(moduleName(e.name), p);
  }
  return out;
}

/** Decompresses the kernel payload of a bzImage into an ELF file. */
async function extractVmlinux(vmlinuz: string, dest: string): Promise<void> {
  const image = await readFile(vmlinuz);
  const p = bzImagePayload(image);
  const payload = image.subarray(p.offset, p.offset + p.length);
  if (p.format === 'gzip') {
    await writeFile(dest, gunzipSync(payload));
  } else if (p.format === 'xz') {
    const child = spawn('xz', ['-dc', '--single-stream'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    child.stdin.end(payload);
    const [, code] = await Promise.all([pipeline(child.stdout, createWriteStream(dest)), exited]);
    if (code !== 0) throw new Error(`xz failed (${code}): ${err.trim()}`);
  } else {
    throw new Error(`unsupported kernel compression: ${p.format}`);
  }
  const fh = await open(dest);
  const magic = Buffer.alloc(4);
  await fh.read(magic, 0, 4, 0);
  await fh.close();
  if (!magic.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46])))
    throw new Error('decompressed kernel is not an ELF file');
}

async function build(work: string, kernel: DebianPackage, busybox: DebianPackage, log: (l: string) => void) {
  const kernelVersion = kernel.name.replace(/^linux-image-/, '');
  log(`guest image: apt-get download ${kernel.name}=${kernel.version} busybox-static=${busybox.version}`);
  await run(
    'apt-get',
    [
      'download',
      '-q',
      '-o',
      'APT::Sandbox::User=root',
      `${kernel.name}=${kernel.version}`,
      `busybox-static=${busybox.version}`,
    ],
    { cwd: work, maxBuffer: 1 << 24 },
  );
  const debs = await readdir(work);
  const kdeb = debs.find((f) => f.startsWith(`${kernel.name}_`) && f.endsWith('.deb'));
  const bdeb = debs.find((f) => f.startsWith('busybox-static_') && f.endsWith('.deb'));
  if (!kdeb || !bdeb) throw new Error(`apt-get download produced ${debs.join(', ')}`);
  await run('dpkg-deb', ['-x', join(work, kdeb), join(work, 'k')]);
  await run('dpkg-deb', ['-x', join(work, bdeb), join(work, 'bb')]);

  const busyboxPath = join(work, 'bb', 'bin', 'busybox');
  const { stdout: list } = await run(busyboxPath, ['--list-full']);
  const applets = list.split('\n').filter((l) => l !== '');

  const kos = await findModules(join(work, 'k', 'lib', 'modules', kernelVersion, 'kernel'));
  const deps = new Map<string, string[]>();
  for (const [name, path] of kos) deps.set(name, moduleDepends(await readFile(path)));
  const order = loadOrder(GUEST_MODULES, (n) => deps.get(n));
  const modules: GuestModule[] = [];
  for (const name of order) modules.push({ name, data: await readFile(kos.get(name) as string) });

  const entries = guestRootfs({ busybox: await readFile(busyboxPath), applets, modules });
  await writeFile(join(work, 'initramfs.cpio.gz'), gzipSync(cpioArchive(entries), { level: 9 }));
  await copyFile(join(work, 'k', 'boot', `vmlinuz-${kernelVersion}`), join(work, 'vmlinuz'));
  await extractVmlinux(join(work, 'vmlinuz'), join(work, 'vmlinux'));
  for (const f of [kdeb, bdeb, 'k', 'bb']) await rm(join(work, f), { recursive: true, force: true });
  return kernelVersion;
}

/** Keeps the `keep` most recently built images (older recipes or package versions). */
async function pruneOldImages(root: string, keep: number): Promise<void> {
  const dirs: { path: string; mtime: number }[] = [];
  for (const e of await readdir(root, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const path = join(root, e.name);
    const mtime = await stat(join(path, 'image.json')).then(
      (s) => s.mtimeMs,
      () => 0,
    );
    dirs.push({ path, mtime });
  }
  dirs.sort((a, b) => b.mtime - a.mtime);
  for (const d of dirs.slice(keep)) await rm(d.path, { recursive: true, force: true });
}

interface ImageRecord {
  readonly key: string;
  readonly recipe: string;
  readonly kernelVersion: string;
  readonly packages: readonly DebianPackage[];
}

async function readImage(dir: string): Promise<(GuestImage & { recipe: string; mtime: number }) | undefined> {
  try {
    const meta = join(dir, 'image.json');
    const r = JSON.parse(await readFile(meta, 'utf8')) as ImageRecord;
    return {
      dir,
      vmlinux: join(dir, 'vmlinux'),
      vmlinuz: join(dir, 'vmlinuz'),
      initrd: join(dir, 'initramfs.cpio.gz'),
      kernelVersion: r.kernelVersion,
      key: r.key,
      packages: r.packages,
      recipe: r.recipe,
      mtime: (await stat(meta)).mtimeMs,
    };
  } catch {
    return undefined;
  }
}

/** The most recently built image of this recipe, whatever its package versions. */
async function newestImage(root: string, recipe: string): Promise<GuestImage | undefined> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const images = [];
  for (const e of entries) {
    const img = e.isDirectory() && !e.name.startsWith('.') ? await readImage(join(root, e.name)) : undefined;
    if (img?.recipe === recipe) images.push(img);
  }
  return images.sort((a, b) => b.mtime - a.mtime)[0];
}

/** Runs fn holding a lock directory, so concurrent callers build an image only once. */
async function withLock<T>(lock: string, fn: () => Promise<T>): Promise<T> {
  const staleMs = 10 * 60_000;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > staleMs) await rm(lock, { recursive: true, force: true });
      else await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/**
 * The cached guest image, built first if this recipe and these package versions have
 * none. Without apt lists (offline), the newest image of this recipe is used if any.
 */
export async function ensureGuestImage(opts: GuestImageOptions = {}): Promise<GuestImage> {
  const log = opts.log ?? (() => {});
  const root = join(opts.cacheDir ?? defaultCacheDir(), 'guest');
  const recipe = await recipeHash();
  let kernel: DebianPackage;
  let busybox: DebianPackage;
  try {
    [kernel, busybox] = await Promise.all([kernelPackage(), candidate('busybox-static')]);
  } catch (e) {
    const fallback = await newestImage(root, recipe);
    if (fallback === undefined) throw e;
    log(`guest image: ${(e as Error).message}; using the cached image ${fallback.key}`);
    return fallback;
  }
  const key = createHash('sha256')
    .update(JSON.stringify({ kernel, busybox, recipe }))
    .digest('hex')
    .slice(0, 16);
  const dir = join(root, key);
  const cached = await readImage(dir);
  if (cached) return cached;
  await mkdir(root, { recursive: true });
  return withLock(join(root, `.lock-${key}`), async () => {
    const built = await readImage(dir);
    if (built) return built;
    const work = join(root, `.build-${key}-${process.pid}-${randomBytes(4).toString('hex')}`);
    await mkdir(work);
    try {
      const t0 = Date.now();
      const kernelVersion = await build(work, kernel, busybox, log);
      const record: ImageRecord = { key, recipe, kernelVersion, packages: [kernel, busybox] };
      await writeFile(join(work, 'image.json'), JSON.stringify(record, null, 2) + '\n');
      await rename(work, dir);
      await pruneOldImages(root, 3);
      log(`guest image ${key} built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const image = await readImage(dir);
      if (!image) throw new Error(`guest image ${dir} vanished after its build`);
      return image;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
}
