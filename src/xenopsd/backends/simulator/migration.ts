// Live migration in the simulator, for real over TCP: the receiving backend
// listens on a free port of the migration address, the sending one streams the
// simulated guest (memory in passes while it runs, then stopped, the final
// state) and the disks whose destination image differs from the source's. The
// receiver builds the domain from what arrived, checked against the sender's
// digest. Either side failing leaves the source guest running.
import { createHash } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { apiError } from '../../../datamodel/api-error.js';
import type { MigrationBackend, MigrationEndpoint, MigrationStats, TaskHandle } from '../api.js';
import { sleep } from '../../sleep.js';
import type { Vm } from '../../types.js';
import { imageOf, type Domain, type Hypervisor, type SavedImage } from './hypervisor.js';
import { chunked, installContents, rawContents } from './disk-contents.js';
import {
  diskData,
  encodeFrame,
  FrameReader,
  memoryPages,
  parseDiskData,
  parseTcpUri,
  tcpUri,
  type Frame,
} from './migration-wire.js';

export interface SimMigrationDeps {
  readonly hyp: () => Hypervisor;
  readonly record: (uuid: string) => Domain | undefined;
  readonly live: (vm: Vm) => Domain;
  readonly put: (d: Domain) => void;
  /** Delay between streamed chunks (the simulator's save latency). */
  readonly chunkMs: number;
}

/** What a source exports about its guest for a receiver (VM internal state). */
export interface SimSourceState {
  /** Image file of each disk, by VBD name. */
  readonly disks?: Readonly<Record<string, string>>;
}

interface Incoming {
  readonly server: Server;
  readonly done: Promise<void>;
  socket?: Socket;
  fail(e: Error): void;
}

const DISK_CHUNK = 256 * 1024;

const failed = (vm: string, reason: string) => apiError('XENOPS_MIGRATION_FAILED', { vm, reason });

export function simulatedMigration(deps: SimMigrationDeps): MigrationBackend & {
  /** Source state received with the metadata (setInternalState), by VM id. */
  readonly sources: Map<string, SimSourceState>;
  /** Drop whatever waits for a stream into this VM's domain (it is being destroyed). */
  forget(vm: string): void;
  close(): void;
} {
  const incoming = new Map<string, Incoming>();
  const outgoing = new Map<string, Socket>();
  const sources = new Map<string, SimSourceState>();

  const diskPathOf = (d: Domain, name: string): string | undefined => {
    const v = d.vbds[name];
    return v?.backend && v.ty !== 'CDROM' ? deps.hyp().diskPath(v.backend) : undefined;
  };

  /** Receiver: apply one connection's frames to the waiting domain `vm`. */
  const receive = (vmId: string, socket: Socket, disks: ReadonlyMap<string, string>): Promise<void> =>
    new Promise((resolve, reject) => {
      const reader = new FrameReader();
      const digest = createHash('sha256');
      let disk: { name: string; path: string; tmp: string; fd: number; size: number } | undefined;
      let bytes = 0;
      let failedAlready = false;
      const closeDisk = () => {
        if (!disk) return;
        closeSync(disk.fd);
        rmSync(disk.tmp, { force: true });
        disk = undefined;
      };
      const fail = (e: Error) => {
        failedAlready = true;
        socket.destroy();
        closeDisk();
        reject(e);
      };
      const handle = async (f: Frame): Promise<void> => {
        switch (f.type) {
          case 'header':
            return;
          case 'memory':
            digest.update(f.payload);
            bytes += f.payload.length;
            return;
          case 'disk-begin': {
            const { name, size } = JSON.parse(f.payload.toString()) as { name: string; size: number };
            const path = disks.get(name);
            if (!path) throw new Error(`disk ${name} was not asked for`);
            if (!Number.isSafeInteger(size) || size < 0) throw new Error(`disk ${name}: bad size`);
            if (disk) throw new Error('disk begins inside a disk');
            mkdirSync(dirname(path), { recursive: true });
            // the raw contents land here, then become the destination's image
            const tmp = `${path}.incoming`;
            disk = { name, path, tmp, fd: openSync(tmp, 'w'), size };
            return;
          }
          case 'disk-data': {
            if (!disk) throw new Error('disk data outside a disk');
            const { offset, bytes: data } = parseDiskData(f.payload);
            if (offset + data.length > disk.size) throw new Error(`disk ${disk.name}: data beyond its end`);
            writeSync(disk.fd, data, 0, data.length, offset);
            return;
          }
          case 'disk-end': {
            if (!disk) throw new Error('disk end outside a disk');
            const { fd, tmp, path, size } = disk;
            ftruncateSync(fd, size);
            closeSync(fd);
            disk = undefined;
            await installContents(tmp, path).finally(() => rmSync(tmp, { force: true }));
            return;
          }
          case 'state': {
            const { image, sha256, memoryBytes } = JSON.parse(f.payload.toString()) as {
              image: SavedImage;
              sha256: string;
              memoryBytes: number;
            };
            if (sha256 !== digest.digest('hex') || memoryBytes !== bytes)
              throw new Error('memory stream corrupted (digest mismatch)');
            const d = deps.record(vmId);
            if (!d || d.domid === null) throw new Error('the receiving domain has gone');
            Object.assign(d, {
              built: true,
              qemu: true,
              paused: true,
              guest: image.guest,
              vcpus: image.vcpus,
              memoryDynamicMin: image.memoryDynamicMin,
              memoryDynamicMax: image.memoryDynamicMax,
              xsdata: image.xsdata,
            });
            deps.put(d);
            socket.end(encodeFrame('ack', { ok: true }));
            resolve();
            return;
          }
          case 'ack':
            throw new Error('unexpected ack from the sender');
        }
      };
      // frames are applied in order, one at a time (a disk's conversion takes a while)
      let chain = Promise.resolve();
      socket.on('data', (chunk: Buffer) => {
        let frames: Frame[];
        try {
          frames = reader.push(chunk);
        } catch (e) {
          return fail(e as Error);
        }
        chain = chain.then(async () => {
          for (const f of frames) if (!failedAlready) await handle(f);
        });
        chain = chain.catch((e: Error) => fail(e));
      });
      socket.on('error', (e) => fail(e));
      socket.on('close', () => fail(new Error('stream closed before the final state')));
    });

  const stopListening = (vm: string, reason: string): void => {
    const inc = incoming.get(vm);
    if (!inc) return;
    incoming.delete(vm);
    inc.server.close();
    inc.fail(new Error(reason));
  };

  const write = (s: Socket, b: Buffer): Promise<void> =>
    new Promise((resolve, reject) => {
      if (s.destroyed) return reject(new Error('connection closed'));
      s.write(b, (e) => (e ? reject(e) : resolve()));
    });

  return {
    sources,
    forget: (vm) => stopListening(vm, 'the receiving domain was destroyed'),
    close() {
      for (const vm of [...incoming.keys()]) stopListening(vm, 'xenopsd is stopping');
      for (const s of outgoing.values()) s.destroy();
    },

    async prepareIncoming(task, vm, address) {
      const d = deps.live(vm);
      if (d.built) throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'built domain', id: vm.id });
      task.cancelPoint();
      const source = sources.get(vm.id) ?? {};
      const copy = new Map<string, string>();
      for (const [name, from] of Object.entries(source.disks ?? {})) {
        const to = diskPathOf(d, name);
        if (to !== undefined && to !== from) copy.set(name, to);
      }
      const server = createServer();
      let fail: (e: Error) => void = () => undefined;
      let accepted = false;
      const done = new Promise<void>((resolve, reject) => {
        fail = reject;
        server.on('connection', (socket) => {
          // one stream per migration: later connections are refused
          if (accepted) return void socket.destroy();
          accepted = true;
          server.close();
          const inc = incoming.get(vm.id);
          if (inc) inc.socket = socket;
          receive(vm.id, socket, copy).then(resolve, reject);
        });
      });
      done.catch(() => undefined);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, address, () => resolve());
      }).catch((e: Error) => {
        throw failed(vm.id, `cannot listen on ${address}: ${e.message}`);
      });
      const port = (server.address() as { port: number }).port;
      incoming.set(vm.id, { server, done, fail: (e) => fail(e) });
      const uri = tcpUri(address, port);
      return { uri, disks: [...copy.keys()].sort().map((name) => ({ name, uri })) };
    },

    async send(task, vm, endpoint): Promise<MigrationStats> {
      const d = deps.live(vm);
      if (!d.built || d.shutdown !== undefined)
        throw apiError('XENOPS_BAD_POWER_STATE', { actual: 'Halted', expected: 'Running' });
      const t0 = Date.now();
      let target: { host: string; port: number };
      try {
        target = parseTcpUri(endpoint.uri);
      } catch (e) {
        throw failed(vm.id, (e as Error).message);
      }
      const socket = await new Promise<Socket>((resolve, reject) => {
        const s = connect(target.port, target.host, () => resolve(s));
        s.once('error', reject);
      }).catch((e: Error) => {
        throw failed(vm.id, `cannot reach ${endpoint.uri}: ${e.message}`);
      });
      outgoing.set(vm.id, socket);
      const ack = new Promise<void>((resolve, reject) => {
        const reader = new FrameReader();
        socket.on('data', (c: Buffer) => {
          try {
            if (reader.push(c).some((f) => f.type === 'ack')) resolve();
          } catch (e) {
            reject(e as Error);
          }
        });
        socket.on('error', reject);
        socket.on('close', () => reject(new Error('the receiver closed the stream')));
      });
      ack.catch(() => undefined);
      const onAbort = () => socket.destroy();
      task.signal.addEventListener('abort', onAbort, { once: true });
      const digest = createHash('sha256');
      let bytes = 0;
      let memoryBytes = 0;
      let stoppedAt = 0;
      try {
        await write(socket, encodeFrame('header', { format: 'xapi-ts-sim-migration/1', vm: d.uuid }));
        const passes = [0, 1, 2].map((p) => memoryPages(d.uuid, d.memoryDynamicMax, p));
        const chunks = passes.reduce((n, p) => n + p.length, 0) + endpoint.disks.length;
        let sent = 0;
        for (const pass of passes) {
          for (const page of pass) {
            await sleep(deps.chunkMs, task);
            await write(socket, encodeFrame('memory', page));
            digest.update(page);
            memoryBytes += page.length;
            task.progress(++sent / chunks);
          }
        }
        for (const { name } of endpoint.disks) {
          const path = diskPathOf(d, name);
          if (path === undefined) throw new Error(`disk ${name} is not plugged`);
          // the guest-visible contents, read through any backing chain, data extents only
          const contents = await rawContents(path);
          try {
            await write(socket, encodeFrame('disk-begin', { name, size: contents.size }));
            if (contents.extents.length > 0) {
              const fh = await open(contents.path, 'r');
              try {
                for (const e of chunked(contents.extents, DISK_CHUNK)) {
                  task.cancelPoint();
                  const buf = Buffer.alloc(e.length);
                  const { bytesRead } = await fh.read(buf, 0, e.length, e.start);
                  await write(
                    socket,
                    encodeFrame('disk-data', diskData(e.start, buf.subarray(0, bytesRead))),
                  );
                  bytes += bytesRead;
                }
              } finally {
                await fh.close();
              }
            }
          } finally {
            contents.release();
          }
          await write(socket, encodeFrame('disk-end', {}));
          task.progress(++sent / chunks);
        }
        // stop-and-copy: the guest stops, its final state goes, the receiver acknowledges
        task.cancelPoint();
        stoppedAt = Date.now();
        const cur = deps.live(vm);
        cur.migratingOut = true;
        deps.put(cur);
        await write(
          socket,
          encodeFrame('state', { image: imageOf(cur), sha256: digest.digest('hex'), memoryBytes }),
        );
        await ack;
        const now = Date.now();
        return {
          total_ms: now - t0,
          downtime_ms: now - stoppedAt,
          bytes: bytes + memoryBytes,
          disks_copied: endpoint.disks.length,
        };
      } catch (e) {
        socket.destroy();
        const cur = deps.record(vm.id);
        if (cur?.migratingOut) {
          cur.migratingOut = undefined;
          deps.put(cur);
        }
        if (task.signal.aborted) throw apiError('XENOPS_CANCELLED', { task: task.id });
        if (e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('XENOPS_'))
          throw e;
        throw failed(vm.id, (e as Error).message);
      } finally {
        task.signal.removeEventListener('abort', onAbort);
        outgoing.delete(vm.id);
        socket.destroy();
      }
    },

    async awaitIncoming(task: TaskHandle, vm, timeoutS) {
      const inc = incoming.get(vm.id);
      if (!inc) {
        const d = deps.record(vm.id);
        if (d?.built) return; // already complete
        throw failed(vm.id, 'no incoming migration');
      }
      let timer: NodeJS.Timeout | undefined;
      const abort = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(apiError('XENOPS_TIMEOUT', { operation: 'migration receive', seconds: timeoutS })),
          timeoutS * 1000,
        );
        task.signal.addEventListener('abort', () => reject(apiError('XENOPS_CANCELLED', { task: task.id })), {
          once: true,
        });
      });
      abort.catch(() => undefined);
      try {
        await Promise.race([inc.done, abort]);
      } catch (e) {
        if (e instanceof Error && 'code' in e) throw e;
        throw failed(vm.id, (e as Error).message);
      } finally {
        clearTimeout(timer);
        incoming.delete(vm.id);
        inc.server.close();
        sources.delete(vm.id);
      }
    },

    async abortOutgoing(_task, vm) {
      outgoing.get(vm.id)?.destroy();
      const d = deps.record(vm.id);
      if (d?.migratingOut) {
        d.migratingOut = undefined;
        deps.put(d);
      }
    },

    rename(from, to) {
      const h = deps.hyp();
      const d = h.get(from);
      if (h.get(to)) throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'domain', id: to });
      if (d) {
        h.delete(from);
        deps.put({ ...d, uuid: to });
      }
      for (const m of [incoming, outgoing, sources] as Map<string, unknown>[]) {
        const v = m.get(from);
        if (v !== undefined) {
          m.delete(from);
          m.set(to, v);
        }
      }
    },
  };
}

export type { MigrationEndpoint };
