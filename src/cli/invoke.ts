// Calling a XenAPI message by its parameter names, in the order and with the
// defaults the datamodel declares, synchronously or through its Async form.
import { XenApiFailure } from '../client/transport.js';
import { emptyValue } from '../datamodel/build.js';
import { messages } from '../datamodel/index.js';
import type { Ctx } from './command.js';
import { runAsync } from './tasks.js';

/** The wire arguments of `wire` from named values; unnamed ones take their default or empty value. */
export function orderArgs(wire: string, named: Readonly<Record<string, unknown>>): unknown[] {
  const entry = messages.get(wire);
  if (!entry) throw new XenApiFailure('MESSAGE_METHOD_UNKNOWN', [wire]);
  return entry.msg.params.map((p) => {
    if (Object.hasOwn(named, p.name)) return named[p.name];
    const v = p.default ?? emptyValue(p.ty);
    if (v === undefined)
      throw new XenApiFailure('MESSAGE_PARAMETER_COUNT_MISMATCH', [
        wire,
        String(entry.msg.params.length),
        String(Object.keys(named).length),
      ]);
    return v;
  });
}

/** Call a message; messages with an Async form run as tasks (with a progress bar on a terminal). */
export async function invoke(
  ctx: Ctx,
  wire: string,
  named: Readonly<Record<string, unknown>>,
): Promise<unknown> {
  const args = orderArgs(wire, named);
  const entry = messages.get(wire);
  if (entry?.msg.async) return runAsync(ctx, wire, ...args);
  return ctx.api.call(wire, ...args);
}

/** The uuid of an object, for commands that print what they created. */
export async function uuidOf(ctx: Ctx, cls: string, ref: unknown): Promise<string> {
  return String(await ctx.api.call(`${cls}.get_uuid`, ref));
}
