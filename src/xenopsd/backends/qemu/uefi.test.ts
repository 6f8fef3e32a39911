import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decodeVm } from '../../decode.js';
import { builtinBoot } from './builtin-boot.js';
import {
  adoptNvram,
  checkEfiKernel,
  ensureNvram,
  exportNvram,
  importNvram,
  incomingNvram,
  nvramPath,
  removeNvram,
  renameNvram,
  wantsUefi,
} from './uefi.js';

const uefiHvm = (onBoot: 'Persist' | 'Reset') =>
  decodeVm({ id: 'vm/1', ty: ['HVM', { firmware: ['Uefi', { on_boot: onBoot }] }] });
const tiny = (platformdata: Record<string, string> = {}) =>
  decodeVm({
    id: 'v',
    platformdata,
    ty: ['PVH', { boot: ['Direct', { kernel: 'builtin:t/vmlinux', ramdisk: 'builtin:t/initrd' }] }],
  });

test('wantsUefi: HVM firmware, or platform:firmware=uefi for a kernel-booted VM', () => {
  assert.equal(wantsUefi(uefiHvm('Persist')), true);
  assert.equal(wantsUefi(decodeVm({ id: 'v', ty: ['HVM', {}] })), false);
  assert.equal(wantsUefi(tiny({ firmware: 'uefi' })), true);
  assert.equal(wantsUefi(tiny({ firmware: 'bios' })), false);
  assert.equal(wantsUefi(tiny()), false);
});

test('NVRAM: copied from the template once, kept, reset on boot when asked, removed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nvram-'));
  try {
    const template = join(dir, 'VARS.fd');
    writeFileSync(template, 'template');
    const path = ensureNvram(dir, uefiHvm('Persist'), template);
    assert.equal(path, nvramPath(dir, 'vm/1'));
    assert.ok(!path.slice(dir.length + 1).includes('vm/1'), 'the VM id is one path component');
    writeFileSync(path, 'written by the guest');
    assert.equal(
      readFileSync(ensureNvram(dir, uefiHvm('Persist'), template), 'utf8'),
      'written by the guest',
    );
    assert.equal(readFileSync(ensureNvram(dir, uefiHvm('Reset'), template), 'utf8'), 'template');
    removeNvram(dir, 'vm/1');
    assert.ok(!existsSync(path));
    assert.throws(() => ensureNvram(dir, uefiHvm('Persist'), undefined), { code: 'VALUE_NOT_SUPPORTED' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an ELF kernel cannot boot under OVMF; built-in kernels have a .efi form for it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'efi-kernel-'));
  try {
    const elf = join(dir, 'vmlinux');
    const bz = join(dir, 'vmlinuz');
    writeFileSync(elf, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]));
    writeFileSync(bz, Buffer.from('MZ\0\0bzImage'));
    assert.throws(() => checkEfiKernel(elf, 'PV_kernel'), { code: 'VALUE_NOT_SUPPORTED' });
    assert.throws(() => checkEfiKernel(join(dir, 'missing'), 'PV_kernel'), { code: 'VALUE_NOT_SUPPORTED' });
    checkEfiKernel(bz, 'PV_kernel');
    const files = async () => ({ 't/vmlinux': elf, 't/vmlinux.efi': bz, 't/initrd': '/i' });
    assert.equal((await builtinBoot(tiny(), files, false))?.kernel, elf);
    assert.deepEqual(await builtinBoot(tiny(), files, true), { kernel: bz, cmdline: '', initrd: '/i' });
    const noEfi = async () => ({ 't/vmlinux': elf, 't/initrd': '/i' });
    assert.equal((await builtinBoot(tiny(), noEfi, true))?.kernel, elf);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('NVRAM travels in exported metadata: gzip + base64 out, the same bytes in; garbage refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nvram-'));
  try {
    assert.equal(exportNvram(dir, 'v'), undefined);
    const vars = Buffer.alloc(4 << 20, 0xff);
    vars.write('variable', 1000);
    const template = join(dir, 'VARS.fd');
    writeFileSync(template, vars);
    ensureNvram(dir, uefiHvm('Persist'), template);
    const out = exportNvram(dir, 'vm/1') as string;
    assert.ok(out.length < 64 * 1024, `compressed: ${out.length}`);
    importNvram(dir, 'other', out);
    assert.ok(readFileSync(nvramPath(dir, 'other')).equals(vars));
    assert.throws(() => importNvram(dir, 'bad', 'not gzip'), { code: 'INVALID_VALUE' });
    assert.ok(!existsSync(nvramPath(dir, 'bad')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a migration destination: its own NVRAM under its id, following the id swap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'uefi-mig-'));
  try {
    const template = join(dir, 'vars.fd');
    writeFileSync(template, 'template');
    const state = join(dir, 'state');
    // what came with the metadata is kept
    writeFileSync(join(dir, 'src.fd'), 'migrated');
    importNvram(state, 'vm.dst', gzipSync(readFileSync(join(dir, 'src.fd'))).toString('base64'));
    assert.equal(incomingNvram(state, 'vm.dst', template), nvramPath(state, 'vm.dst'));
    assert.equal(readFileSync(nvramPath(state, 'vm.dst'), 'utf8'), 'migrated');
    // none came: the template (the flash contents come in the stream)
    assert.equal(readFileSync(incomingNvram(state, 'other', template), 'utf8'), 'template');
    assert.throws(() => incomingNvram(state, 'third', undefined), { code: 'VALUE_NOT_SUPPORTED' });
    // the swap: the source's file moves aside, the destination's takes the VM id
    writeFileSync(nvramPath(state, 'vm'), 'source');
    assert.equal(renameNvram(state, 'vm', 'vm.src'), nvramPath(state, 'vm.src'));
    assert.equal(renameNvram(state, 'vm.dst', 'vm'), nvramPath(state, 'vm'));
    assert.equal(readFileSync(nvramPath(state, 'vm'), 'utf8'), 'migrated');
    assert.equal(readFileSync(nvramPath(state, 'vm.src'), 'utf8'), 'source');
    assert.ok(!existsSync(nvramPath(state, 'vm.dst')));
    assert.equal(renameNvram(state, 'no-such-vm', 'x'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('NVRAM: a store given with the configuration replaces a different one, and only then', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nvram-adopt-'));
  try {
    const vm = uefiHvm('Persist');
    adoptNvram(dir, vm);
    assert.equal(existsSync(nvramPath(dir, vm.id)), false, 'nothing without a store');
    const given = gzipSync(Buffer.from('variables from xapi')).toString('base64');
    adoptNvram(dir, { ...vm, nvram: given });
    assert.equal(readFileSync(nvramPath(dir, vm.id), 'utf8'), 'variables from xapi');
    assert.equal(exportNvram(dir, vm.id), given);
    const before = statSync(nvramPath(dir, vm.id)).ino;
    adoptNvram(dir, {
      ...vm,
      nvram: gzipSync(Buffer.from('variables from xapi'), { level: 1 }).toString('base64'),
    });
    assert.equal(statSync(nvramPath(dir, vm.id)).ino, before, 'the same contents: the file is left alone');
    assert.throws(() => adoptNvram(dir, { ...vm, nvram: 'not gzip' }), { code: 'INVALID_VALUE' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
