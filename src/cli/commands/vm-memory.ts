// xe's VM memory commands: limits, static and dynamic ranges, the memory
// overhead and the largest memory that fits. Sizes take xe's unit suffixes.
import type { Command, Ctx } from '../command.js';
import { invoke } from '../invoke.js';
import type { Rec } from '../records.js';
import { forEachSelected } from '../select.js';
import { parseBool, parseSize } from '../values.js';

function memoryOp(
  name: string,
  help: string,
  uses: readonly string[],
  reqd: readonly string[],
  optn: readonly string[],
  op: (ctx: Ctx, vm: Rec, size: (key: string) => number) => Promise<void>,
): Command {
  return {
    name,
    reqd,
    optn,
    help,
    selectors: 'vm',
    uses,
    run: (ctx) => {
      const size = (key: string): number => parseSize(ctx.params.get(key) ?? '', key);
      return forEachSelected(ctx, 'vm', { ignore: [...reqd, ...optn] }, (vm) => op(ctx, vm, size));
    },
  };
}

export const vmMemoryCommands: readonly Command[] = [
  memoryOp(
    'vm-memory-limits-set',
    'Configure the memory limits of a VM.',
    ['VM.set_memory_limits'],
    ['static-min', 'static-max', 'dynamic-min', 'dynamic-max'],
    [],
    async (ctx, vm, size) => {
      await invoke(ctx, 'VM.set_memory_limits', {
        self: vm.ref,
        static_min: size('static-min'),
        static_max: size('static-max'),
        dynamic_min: size('dynamic-min'),
        dynamic_max: size('dynamic-max'),
      });
    },
  ),
  memoryOp(
    'vm-memory-set',
    'Configure the memory allocation of a VM.',
    ['VM.set_memory'],
    ['memory'],
    [],
    async (ctx, vm, size) => {
      await invoke(ctx, 'VM.set_memory', { self: vm.ref, value: size('memory') });
    },
  ),
  memoryOp(
    'vm-memory-dynamic-range-set',
    'Configure the dynamic memory range of a VM: soft limits of its memory, which may change while it runs or is halted and must fit within the static range.',
    ['VM.set_memory_dynamic_range'],
    ['min', 'max'],
    [],
    async (ctx, vm, size) => {
      await invoke(ctx, 'VM.set_memory_dynamic_range', { self: vm.ref, min: size('min'), max: size('max') });
    },
  ),
  memoryOp(
    'vm-memory-static-range-set',
    'Configure the static memory range of a VM: hard limits of its memory, which may change only while it is halted and must encompass the dynamic range.',
    ['VM.set_memory_static_range'],
    ['min', 'max'],
    [],
    async (ctx, vm, size) => {
      await invoke(ctx, 'VM.set_memory_static_range', { self: vm.ref, min: size('min'), max: size('max') });
    },
  ),
  memoryOp(
    'vm-compute-memory-overhead',
    'Computes the virtualization memory overhead of a VM.',
    ['VM.compute_memory_overhead'],
    [],
    [],
    async (ctx, vm) => {
      ctx.out.list([String(await invoke(ctx, 'VM.compute_memory_overhead', { vm: vm.ref }))]);
    },
  ),
  memoryOp(
    'vm-compute-maximum-memory',
    "Compute the maximum amount of guest memory given the VM's configuration; with approximate=true, allow for more vCPUs.",
    ['VM.maximise_memory'],
    ['total'],
    ['approximate'],
    async (ctx, vm, size) => {
      const approximate = parseBool(ctx.params.get('approximate') ?? 'false', 'approximate');
      const max = await invoke(ctx, 'VM.maximise_memory', {
        self: vm.ref,
        total: size('total'),
        approximate,
      });
      ctx.out.list([String(max)]);
    },
  ),
];
