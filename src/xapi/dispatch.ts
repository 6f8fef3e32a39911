// The dispatcher, derived from the datamodel: name lookup (sync, Async.,
// Class_message), arity, parameter decoding, session check, RBAC, then the
// generic DB implementation of an implicit message or the hand-written one.
// The order of checks is xapi's: arity → types → session → RBAC → execute.
import { ApiError, apiError } from '../datamodel/api-error.js';
import { t } from '../datamodel/build.js';
import { classByName, messages } from '../datamodel/index.js';
import type { ClassDecl, MessageDecl, Ty, Value } from '../datamodel/types.js';
import { decodeParam, type RawValue } from '../rpc/index.js';
import type { CallContext, Services } from './context.js';
import type { SessionInfo } from './session-info.js';
import type { ObjectStore } from '../db/store.js';
import { untypedView } from '../db/typed.js';
import { dbAction } from './db-actions.js';
import type { CustomActions } from './generated/actions.js';
import { refreshAllowed, type OpClass } from './lifecycle/operations.js';
import { toXenApiError, type XenApiErrorContext } from './xenapi-errors.js';
import { gateOnSlave } from './pool/gate.js';
import { forwardTarget, forwardToHost } from './pool/vm-forward.js';

export interface CallResult {
  readonly value: Value;
  readonly ty: Ty;
  /** system.listMethods is answered without the Status/Value envelope in XML-RPC. */
  readonly raw?: boolean;
  /** The message only reads: its answer need not wait for pending commits. */
  readonly readOnly?: boolean;
}

const READ_TAGS: ReadonlySet<string> = new Set([
  'getter',
  'get_record',
  'get_by_uuid',
  'get_by_name_label',
  'get_all',
  'get_all_records',
  'get_all_records_where',
  'get_all_where',
]);

/** Hand-written messages that change nothing. */
const READ_CUSTOM: ReadonlySet<string> = new Set([
  'event.from',
  'event.next',
  'event.get_current_id',
  'host.list_methods',
]);

function isReadOnly(cls: ClassDecl, msg: MessageDecl): boolean {
  if (READ_TAGS.has(msg.tag.kind)) return true;
  return (
    msg.tag.kind === 'custom' && (msg.name.startsWith('get') || READ_CUSTOM.has(`${cls.name}.${msg.name}`))
  );
}

export interface CallOrigin {
  /** The call came over the local Unix socket. */
  readonly local: boolean;
  /** The body was not valid UTF-8 (string parameters with U+FFFD are then rejected). */
  readonly lossyUtf8?: boolean;
}

const OPERATION_CLASSES: ReadonlySet<string> = new Set(['VM', 'VBD', 'VIF']);
const WRITES: ReadonlySet<string> = new Set(['create', 'setter', 'add_to', 'remove_from', 'add', 'remove']);

type Entry = { readonly cls: ClassDecl; readonly msg: MessageDecl };

/** Find a message by wire name; `Class_message` is accepted for sync calls, as xapi does. */
function lookup(name: string): Entry | undefined {
  const direct = messages.get(name);
  if (direct) return direct;
  if (name.includes('.')) return undefined;
  for (let i = name.indexOf('_'); i > 0; i = name.indexOf('_', i + 1)) {
    const e = messages.get(`${name.slice(0, i)}.${name.slice(i + 1)}`);
    if (e) return e;
  }
  return undefined;
}

/** Permission name of a message, as RBAC errors report it. */
export function permissionOf(cls: ClassDecl, msg: MessageDecl): string {
  return `${cls.name}.${msg.name}`.toLowerCase();
}

export class Dispatcher {
  /** The store untyped, for the messages that work on any class by name. */
  private readonly anyClass: ObjectStore;

  constructor(
    private readonly services: Services,
    private readonly actions: CustomActions,
  ) {
    this.anyClass = untypedView(services.db);
  }

  async call(method: string, raw: readonly RawValue[], origin: CallOrigin): Promise<CallResult> {
    if (method === 'system.listMethods') {
      return { value: this.services.listMethods(), ty: t.set(t.string), raw: true, readOnly: true };
    }
    const isAsync = method.startsWith('Async.');
    const name = isAsync ? method.slice('Async.'.length) : method;
    const entry = isAsync ? messages.get(name) : lookup(name);
    if (this.services.hostPool.role.kind !== 'master') {
      const wire = entry ? `${entry.cls.name}.${entry.msg.name}` : name;
      gateOnSlave(this.services, wire, entry?.msg.session ?? true, raw, origin);
    }
    if (!entry) {
      // xapi session-checks unknown methods first, so a bad session wins.
      const first = raw[0];
      if (first && 'v' in first && typeof first.v === 'string' && first.v.startsWith('OpaqueRef:')) {
        this.services.sessions.check(first.v);
      }
      throw apiError('MESSAGE_METHOD_UNKNOWN', { method });
    }
    const { cls, msg } = entry;
    const wire = `${cls.name}.${msg.name}`;
    if (isAsync && !msg.async) throw apiError('MESSAGE_METHOD_UNKNOWN', { method });

    // Arity, without the session.
    const given = raw.length - (msg.session ? 1 : 0);
    const required = msg.params.filter((p) => p.default === undefined).length;
    const total = msg.params.length;
    const hasDefaults = required < total;
    if (given < required || (!hasDefaults && given !== total) || given < 0) {
      throw apiError('MESSAGE_PARAMETER_COUNT_MISMATCH', {
        method: wire,
        expected: total,
        received: Math.max(0, given),
      });
    }
    const offset = msg.session ? 1 : 0;
    const lossyUtf8 = origin.lossyUtf8 === true;
    const args: Value[] = msg.params.map((p, i) => {
      const r = raw[i + offset];
      return r === undefined
        ? (p.default as Value)
        : (decodeParam(r, p.ty, { name: p.name, lossyUtf8 }) as Value);
    });

    let session: SessionInfo | undefined;
    if (msg.session) {
      session = this.services.sessions.check(
        decodeParam(raw[0] as RawValue, t.string, { name: 'session_id' }),
      );
      // The local superuser (root) passes RBAC, as in xapi; messages granted to no role are theirs only.
      if (!session.isLocalSuperuser && !msg.roles.some((r) => session!.roles.has(r))) {
        throw apiError('RBAC_PERMISSION_DENIED', {
          permission: permissionOf(cls, msg),
          message: 'The session does not hold a role allowed to call this message',
        });
      }
    }
    this.checkRefs(msg, args);

    const run = (ctx: CallContext): Promise<Value | void> => this.execute(cls, msg, ctx, args);
    if (isAsync) {
      const ref = this.services.tasks.run(`Async.${wire}`, msg.result, (task) =>
        run({
          services: this.services,
          session,
          method: wire,
          task,
          signal: task.signal,
          local: origin.local,
        }),
      );
      return { value: ref, ty: t.ref('task') };
    }
    const value = await run({
      services: this.services,
      session,
      method: wire,
      task: undefined,
      signal: session?.closed ?? new AbortController().signal,
      local: origin.local,
    });
    return { value: value ?? '', ty: msg.result, readOnly: isReadOnly(cls, msg) };
  }

  /** Every ref parameter must name a live object of its class (the null ref passes through). */
  private checkRefs(msg: MessageDecl, args: readonly Value[]): void {
    msg.params.forEach((p, i) => {
      if (p.ty.kind !== 'ref') return;
      const target = classByName.get(p.ty.cls);
      const ref = args[i];
      if (!target?.inDb || typeof ref !== 'string' || ref === 'OpaqueRef:NULL') return;
      if (!this.anyClass.has(target.name, ref))
        throw apiError('HANDLE_INVALID', { class: target.name, handle: ref });
    });
  }

  /** Run the message; a failure leaves as the XenAPI error its client gets (src/xapi/xenapi-errors.ts). */
  private async execute(
    cls: ClassDecl,
    msg: MessageDecl,
    ctx: CallContext,
    args: Value[],
  ): Promise<Value | void> {
    try {
      return await this.implement(cls, msg, ctx, args);
    } catch (e) {
      throw toXenApiError(e, this.errorContext(msg, ctx, args));
    }
  }

  /** The call's VM (its first VM parameter, or the VM of its first VBD/VIF), task and VM lookup. */
  private errorContext(msg: MessageDecl, ctx: CallContext, args: readonly Value[]): XenApiErrorContext {
    const db = this.services.db;
    let vm: string | undefined;
    msg.params.forEach((p, i) => {
      const ref = args[i];
      if (vm !== undefined || p.ty.kind !== 'ref' || typeof ref !== 'string') return;
      if (p.ty.cls === 'VM') vm = ref;
      else if (p.ty.cls === 'VBD' || p.ty.cls === 'VIF') {
        const owner = db.find(p.ty.cls, ref)?.['VM'];
        if (typeof owner === 'string') vm = owner;
      }
    });
    return {
      ...(vm !== undefined ? { vm } : {}),
      ...(ctx.task ? { task: ctx.task.ref } : {}),
      vmByUuid: (uuid) => db.refByUuid('VM', uuid),
    };
  }

  private async implement(
    cls: ClassDecl,
    msg: MessageDecl,
    ctx: CallContext,
    args: Value[],
  ): Promise<Value | void> {
    if (msg.tag.kind !== 'custom') {
      const result = dbAction(this.anyClass, cls, msg, args);
      // allowed_operations depend on fields clients write (is_a_template, blocked_operations, …).
      if (OPERATION_CLASSES.has(cls.name) && WRITES.has(msg.tag.kind)) {
        const ref = msg.tag.kind === 'create' ? (result as string) : (args[0] as string);
        refreshAllowed(this.services.db, cls.name as OpClass, ref);
      }
      return result;
    }
    // A VM running on another member is operated on there (xapi's forward_vm_op).
    const elsewhere = forwardTarget(this.services.db, this.services.host, cls, msg, args);
    if (elsewhere !== undefined)
      return forwardToHost(this.services, elsewhere, `${cls.name}.${msg.name}`, args);
    const impl = (this.actions as unknown as Record<string, Record<string, unknown>>)[cls.name]?.[msg.name];
    if (typeof impl !== 'function') throw new ApiError('NOT_IMPLEMENTED', [`${cls.name}.${msg.name}`]);
    const fn = impl as (ctx: CallContext, ...a: Value[]) => Promise<Value | void>;
    return fn.call((this.actions as unknown as Record<string, object>)[cls.name], ctx, ...args);
  }
}
