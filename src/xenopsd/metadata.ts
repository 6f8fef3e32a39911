// xenopsd's own database: the VM and device configurations it was given, plus
// each device's "active" flag, as whole-file JSON under the instance's state
// directory. Everything is loaded at start-up and written through on change,
// so a restarted xenopsd knows exactly which VMs it manages.
//   <dir>/VM/<vm>/config        Vm
//   <dir>/VM/<vm>/vbd.<name>    { config: Vbd, active }   (also vif.*, pci.*)
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiError } from '../datamodel/api-error.js';
import type { DeviceKind } from './plan.js';
import type { DeviceId, Pci, Vbd, Vif, Vm } from './types.js';

export interface DeviceConfigs {
  VBD: Vbd;
  VIF: Vif;
  PCI: Pci;
}

export interface DeviceRecord<K extends DeviceKind> {
  readonly config: DeviceConfigs[K];
  readonly active: boolean;
}

interface VmEntry {
  vm: Vm;
  devices: { [K in DeviceKind]: Map<string, DeviceRecord<K>> };
}

const prefixOf: Record<DeviceKind, string> = { VBD: 'vbd.', VIF: 'vif.', PCI: 'pci.' };
const enc = encodeURIComponent;

function writeJson(path: string, value: unknown): void {
  writeFileSync(`${path}.tmp`, JSON.stringify(value));
  renameSync(`${path}.tmp`, path);
}

export class MetadataStore {
  private readonly vms = new Map<string, VmEntry>();
  private readonly root: string;

  constructor(dir: string) {
    this.root = join(dir, 'VM');
    mkdirSync(this.root, { recursive: true });
    for (const d of readdirSync(this.root)) this.load(d);
  }

  private load(dirName: string): void {
    const dir = join(this.root, dirName);
    let vm: Vm;
    try {
      vm = JSON.parse(readFileSync(join(dir, 'config'), 'utf8')) as Vm;
    } catch {
      return; // a VM directory without a readable config was never fully added
    }
    const entry: VmEntry = { vm, devices: { VBD: new Map(), VIF: new Map(), PCI: new Map() } };
    for (const f of readdirSync(dir)) {
      for (const kind of ['VBD', 'VIF', 'PCI'] as const) {
        if (!f.startsWith(prefixOf[kind]) || f.endsWith('.tmp')) continue;
        try {
          const rec = JSON.parse(readFileSync(join(dir, f), 'utf8')) as DeviceRecord<typeof kind>;
          (entry.devices[kind] as Map<string, DeviceRecord<typeof kind>>).set(rec.config.id[1], rec);
        } catch {
          // torn write of a device being added: it was never acknowledged
        }
      }
    }
    this.vms.set(vm.id, entry);
  }

  private dirOf(vmId: string): string {
    return join(this.root, enc(vmId));
  }

  private entry(vmId: string): VmEntry {
    const e = this.vms.get(vmId);
    if (!e) throw apiError('XENOPS_DOES_NOT_EXIST', { kind: 'VM', id: vmId });
    return e;
  }

  has(vmId: string): boolean {
    return this.vms.has(vmId);
  }

  vm(vmId: string): Vm {
    return this.entry(vmId).vm;
  }

  listVms(): Vm[] {
    return [...this.vms.values()].map((e) => e.vm);
  }

  /** Add a VM, or replace the configuration of one already known. */
  putVm(vm: Vm): void {
    const dir = this.dirOf(vm.id);
    mkdirSync(dir, { recursive: true });
    writeJson(join(dir, 'config'), vm);
    const e = this.vms.get(vm.id);
    if (e) e.vm = vm;
    else this.vms.set(vm.id, { vm, devices: { VBD: new Map(), VIF: new Map(), PCI: new Map() } });
  }

  /** Give a VM and its devices a new id (`to` must be free). */
  renameVm(from: string, to: string): void {
    const e = this.entry(from);
    if (this.vms.has(to)) throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'VM', id: to });
    rmSync(this.dirOf(to), { recursive: true, force: true });
    renameSync(this.dirOf(from), this.dirOf(to));
    this.vms.delete(from);
    const vm = { ...e.vm, id: to };
    writeJson(join(this.dirOf(to), 'config'), vm);
    const entry: VmEntry = { vm, devices: { VBD: new Map(), VIF: new Map(), PCI: new Map() } };
    this.vms.set(to, entry);
    for (const kind of ['VBD', 'VIF', 'PCI'] as const) {
      for (const rec of e.devices[kind].values()) {
        const moved = { ...rec, config: { ...rec.config, id: [to, rec.config.id[1]] } } as DeviceRecord<
          typeof kind
        >;
        this.putDevice(kind, moved);
      }
    }
  }

  removeVm(vmId: string): void {
    this.entry(vmId);
    rmSync(this.dirOf(vmId), { recursive: true, force: true });
    this.vms.delete(vmId);
  }

  devices<K extends DeviceKind>(kind: K, vmId: string): DeviceRecord<K>[] {
    const m = this.entry(vmId).devices[kind] as Map<string, DeviceRecord<K>>;
    return [...m.values()];
  }

  device<K extends DeviceKind>(kind: K, id: DeviceId): DeviceRecord<K> {
    const e = this.vms.get(id[0]);
    const rec = e?.devices[kind].get(id[1]) as DeviceRecord<K> | undefined;
    if (!rec) throw apiError('XENOPS_DOES_NOT_EXIST', { kind, id: `${id[0]}.${id[1]}` });
    return rec;
  }

  hasDevice(kind: DeviceKind, id: DeviceId): boolean {
    return this.vms.get(id[0])?.devices[kind].has(id[1]) ?? false;
  }

  putDevice<K extends DeviceKind>(kind: K, rec: DeviceRecord<K>): void {
    const id = rec.config.id;
    const e = this.entry(id[0]);
    writeJson(join(this.dirOf(id[0]), prefixOf[kind] + enc(id[1])), rec);
    (e.devices[kind] as Map<string, DeviceRecord<K>>).set(id[1], rec);
  }

  setActive(kind: DeviceKind, id: DeviceId, active: boolean): void {
    const rec = this.device(kind, id);
    if (rec.active !== active) this.putDevice(kind, { ...rec, active });
  }

  removeDevice(kind: DeviceKind, id: DeviceId): void {
    this.device(kind, id);
    rmSync(join(this.dirOf(id[0]), prefixOf[kind] + enc(id[1])), { force: true });
    this.vms.get(id[0])?.devices[kind].delete(id[1]);
  }
}
