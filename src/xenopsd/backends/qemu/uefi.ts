// UEFI guests: OVMF's NVRAM (its variable store) is one file per VM, a copy of the
// OVMF_VARS template made at the VM's first UEFI start. It lives in the instance's
// state directory under the VM's id, so it outlives the domain (a reboot rebuilds the
// domain, the variables stay) and goes when xenopsd forgets the VM (VM.remove, which
// xapi calls when the VM is destroyed). `on_boot: Reset` starts every boot afresh.
// It travels in the VM's exported metadata (migration), as the backend's internal state.
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { apiError } from '../../../datamodel/api-error.js';
import type { Vm } from '../../types.js';

/** The VM asks for UEFI: HVM firmware, or `platform:firmware=uefi` for a kernel-booted VM. */
export function wantsUefi(vm: Vm): boolean {
  const [kind, info] = vm.ty;
  if (kind === 'HVM') return info.firmware !== 'Bios';
  return vm.platformdata['firmware'] === 'uefi';
}

/** NVRAM reset at every boot (xenops' `Uefi {on_boot = Reset}`). */
function resetsOnBoot(vm: Vm): boolean {
  const [kind, info] = vm.ty;
  return kind === 'HVM' && info.firmware !== 'Bios' && info.firmware[1].on_boot === 'Reset';
}

export function nvramPath(stateDir: string, vmId: string): string {
  return join(stateDir, 'qemu-nvram', `${encodeURIComponent(vmId)}.fd`);
}

/** The VM's NVRAM file, made from the template when it has none (or resets on boot). */
export function ensureNvram(stateDir: string, vm: Vm, template: string | undefined): string {
  const path = nvramPath(stateDir, vm.id);
  if (existsSync(path) && !resetsOnBoot(vm)) return path;
  return fromTemplate(stateDir, path, template);
}

/** A fresh variable store at `path`, copied from OVMF's template. */
function fromTemplate(stateDir: string, path: string, template: string | undefined): string {
  if (template === undefined)
    throw apiError('VALUE_NOT_SUPPORTED', {
      field: 'HVM_boot_params',
      value: 'firmware=uefi',
      reason: 'OVMF is not installed on this host (Debian package ovmf)',
    });
  mkdirSync(join(stateDir, 'qemu-nvram'), { recursive: true });
  copyFileSync(template, `${path}.tmp`);
  // a rename, so a crash never leaves a half-copied variable store behind
  renameSync(`${path}.tmp`, path);
  return path;
}

/**
 * A migration's destination: its own NVRAM file under its own VM id, never the
 * source's. The one that came with the metadata is kept; without one, the template
 * (QEMU migrates the flash contents and writes them back when the guest runs).
 */
export function incomingNvram(stateDir: string, vmId: string, template: string | undefined): string {
  const path = nvramPath(stateDir, vmId);
  return existsSync(path) ? path : fromTemplate(stateDir, path, template);
}

/**
 * The VM's NVRAM follows a change of id (a migration on one instance swaps ids). A
 * QEMU that has the file open keeps it: the rename does not change the file.
 * Returns the new path, or undefined when the VM has no NVRAM.
 */
export function renameNvram(stateDir: string, from: string, to: string): string | undefined {
  const src = nvramPath(stateDir, from);
  if (!existsSync(src)) return undefined;
  const dst = nvramPath(stateDir, to);
  renameSync(src, dst);
  return dst;
}

export function removeNvram(stateDir: string, vmId: string): void {
  rmSync(nvramPath(stateDir, vmId), { force: true });
}

/**
 * OVMF loads a kernel given with -kernel as an EFI application: a bzImage (its EFI
 * stub), not the ELF vmlinux QEMU PVH-boots under SeaBIOS (OVMF drops to its shell).
 */
export function checkEfiKernel(path: string, field: string): void {
  const value = path;
  const magic = Buffer.alloc(4);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    readSync(fd, magic, 0, 4, 0);
  } catch (e) {
    throw apiError('VALUE_NOT_SUPPORTED', { field, value, reason: (e as Error).message });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (magic.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46])))
    throw apiError('VALUE_NOT_SUPPORTED', {
      field,
      value,
      reason: 'UEFI boots a bzImage (EFI stub), not an ELF vmlinux',
    });
}

const MAX_NVRAM = 64 << 20;

/** The VM's NVRAM for its exported metadata (a migration, VM export): gzip, base64. */
export function exportNvram(stateDir: string, vmId: string): string | undefined {
  const path = nvramPath(stateDir, vmId);
  return existsSync(path) ? gzipSync(readFileSync(path)).toString('base64') : undefined;
}

/** Installs an NVRAM that came with imported metadata. */
export function importNvram(stateDir: string, vmId: string, data: string): void {
  let raw: Buffer;
  try {
    raw = gunzipSync(Buffer.from(data, 'base64'), { maxOutputLength: MAX_NVRAM });
  } catch {
    throw apiError('INVALID_VALUE', { field: 'domains.nvram', value: data.slice(0, 80) });
  }
  const path = nvramPath(stateDir, vmId);
  mkdirSync(join(stateDir, 'qemu-nvram'), { recursive: true });
  writeFileSync(`${path}.tmp`, raw);
  renameSync(`${path}.tmp`, path);
}

/**
 * The VM's store made equal to the one its configuration carries (xapi's
 * VM.NVRAM EFI-variables, in the exported form) when that differs; nothing
 * without one. Run before the store is opened for a start.
 */
export function adoptNvram(stateDir: string, vm: Vm): void {
  if (vm.nvram === undefined) return;
  let raw: Buffer;
  try {
    raw = gunzipSync(Buffer.from(vm.nvram, 'base64'), { maxOutputLength: MAX_NVRAM });
  } catch {
    throw apiError('INVALID_VALUE', { field: 'nvram', value: vm.nvram.slice(0, 80) });
  }
  const path = nvramPath(stateDir, vm.id);
  if (existsSync(path) && readFileSync(path).equals(raw)) return;
  importNvram(stateDir, vm.id, vm.nvram);
}
