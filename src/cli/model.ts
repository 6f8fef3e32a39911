// The CLI's view of the datamodel: every class that can be listed becomes an
// xe class (`VM` → `vm`, `host_cpu` → `host-cpu`) and every field an xe
// parameter (`name_label` → `name-label`, `VIF.VM` → `vm-uuid`), with what
// the CLI may do to it decided by the messages the class actually has.
import {
  classes,
  messages as registry,
  type ClassDecl,
  type FieldDecl,
  type MessageDecl,
} from '../datamodel/index.js';

export type FieldKind = 'normal' | 'map' | 'set';

export interface CliField {
  /** xe's name for the parameter. */
  readonly name: string;
  readonly field: FieldDecl;
  readonly kind: FieldKind;
  /** `name-label` companions show the name of the object a ref field points at. */
  readonly via: 'value' | 'name-label';
  /** Wire names of the messages that change the field, when the class has them. */
  readonly setter?: string;
  readonly add?: string;
  readonly remove?: string;
  /** Enum values are matched case-insensitively in filters (xe's `power-state=Running`). */
  readonly caseInsensitive: boolean;
}

export interface CliClass {
  /** xe's name: `vm`, `host-cpu`. */
  readonly name: string;
  readonly cls: ClassDecl;
  readonly fields: readonly CliField[];
  /** Fields `<class>-list` shows without `params=`. */
  readonly listParams: readonly string[];
  /** Filters `<class>-list` always applies (`vm-list` hides templates). */
  readonly listFilters: readonly (readonly [string, string])[];
  readonly messages: ReadonlyMap<string, MessageDecl>;
}

/** `VM` → `vm`, `host_cpu` → `host-cpu`. */
export function xeClassName(cls: string): string {
  return cls.toLowerCase().replace(/_/g, '-');
}

/** Fields xe names otherwise than by the rule below (message.cls is `class`). */
const XE_FIELD_NAMES: Readonly<Record<string, string>> = { cls: 'class' };

/**
 * A field's xe name: dashes for underscores, and a ref named after the class
 * it points at shows that object's uuid under `<class>-uuid` (VIF.VM → vm-uuid,
 * VDI.SR → sr-uuid), as xe's records do.
 */
export function xeFieldName(f: FieldDecl): string {
  const renamed = XE_FIELD_NAMES[f.name];
  if (renamed !== undefined) return renamed;
  if (f.ty.kind === 'ref' && f.name.toLowerCase() === f.ty.cls.toLowerCase()) {
    return `${f.name.toLowerCase().replace(/_/g, '-')}-uuid`;
  }
  return f.name.replace(/_/g, '-');
}

function twoParams(m: MessageDecl | undefined): string | undefined {
  return m && m.params.length === 2 ? m.name : undefined;
}

function cliFields(cls: ClassDecl, all: ReadonlyMap<string, MessageDecl>): CliField[] {
  const out: CliField[] = [];
  for (const f of cls.fields) {
    // Server-written fields stay read-only for xe even where a hand-written
    // setter exists for other clients (task.set_status for client tasks).
    const msgs = f.qualifier === 'DynamicRO' ? new Map<string, MessageDecl>() : all;
    if (f.lifecycle === 'removed') continue;
    const kind: FieldKind = f.ty.kind === 'map' ? 'map' : f.ty.kind === 'set' ? 'set' : 'normal';
    const base = { field: f, kind, caseInsensitive: f.ty.kind === 'enum' };
    if (kind === 'map') {
      const add = msgs.get(`add_to_${f.name}`);
      const remove = msgs.get(`remove_from_${f.name}`);
      out.push({
        ...base,
        name: xeFieldName(f),
        via: 'value',
        ...(msgs.has(`set_${f.name}`) ? { setter: `set_${f.name}` } : {}),
        ...(add && add.params.length === 3 ? { add: add.name } : {}),
        ...(remove ? { remove: remove.name } : {}),
      });
    } else if (kind === 'set') {
      const add = twoParams(msgs.get(`add_${f.name}`));
      const remove = twoParams(msgs.get(`remove_${f.name}`));
      out.push({
        ...base,
        name: xeFieldName(f),
        via: 'value',
        ...(add ? { add } : {}),
        ...(remove ? { remove } : {}),
      });
    } else {
      const setter = twoParams(msgs.get(`set_${f.name}`));
      out.push({ ...base, name: xeFieldName(f), via: 'value', ...(setter ? { setter } : {}) });
      const target =
        f.ty.kind === 'ref' ? classes.find((c) => c.name === (f.ty as { cls: string }).cls) : undefined;
      if (target && f.name.toLowerCase() === target.name.toLowerCase() && hasNameLabel(target)) {
        out.push({ ...base, name: `${xeClassName(target.name)}-name-label`, via: 'name-label' });
      }
    }
  }
  return out;
}

export function hasNameLabel(cls: ClassDecl): boolean {
  return cls.fields.some((f) => f.dbName === 'name__label');
}

/** Default `<class>-list` columns, after xe's; other classes show uuid and names. */
const LIST_PARAMS: Readonly<Record<string, readonly string[]>> = {
  pool: ['uuid', 'name-label', 'name-description', 'master', 'default-SR'],
  pif: ['uuid', 'device', 'VLAN', 'MAC', 'network-uuid', 'currently-attached', 'host-uuid'],
  vif: ['uuid', 'device', 'vm-uuid', 'network-uuid'],
  network: ['uuid', 'name-label', 'name-description', 'bridge'],
  console: ['uuid', 'vm-uuid', 'vm-name-label', 'protocol', 'location'],
  vm: ['name-label', 'uuid', 'power-state'],
  template: ['name-label', 'name-description', 'uuid'],
  snapshot: ['name-label', 'name-description', 'uuid', 'snapshot-of', 'snapshot-time', 'is-vmss-snapshot'],
  host: ['uuid', 'name-label', 'name-description'],
  'host-cpu': ['uuid', 'number', 'vendor', 'speed', 'utilisation'],
  vdi: ['uuid', 'name-label', 'name-description', 'virtual-size', 'read-only', 'sharable', 'sr-uuid'],
  vbd: ['uuid', 'vm-uuid', 'vm-name-label', 'vdi-uuid', 'device', 'empty'],
  sr: ['uuid', 'name-label', 'name-description', 'host', 'type', 'content-type'],
  sm: ['uuid', 'type', 'name-label', 'name-description', 'vendor', 'copyright', 'configuration'],
  pbd: ['uuid', 'host-uuid', 'sr-uuid', 'device-config', 'currently-attached'],
  task: ['uuid', 'name-label', 'name-description', 'status', 'progress'],
  subject: ['uuid', 'subject-identifier', 'other-config', 'roles'],
  role: ['uuid', 'name', 'description', 'subroles'],
  message: ['uuid', 'name', 'priority', 'class', 'obj-uuid', 'timestamp', 'body'],
};

/** xe's views of the VM class besides `vm`. */
const VIEWS: readonly { name: string; of: string; filters: readonly (readonly [string, string])[] }[] = [
  { name: 'vm', of: 'VM', filters: [['is-a-template', 'false']] },
  {
    name: 'template',
    of: 'VM',
    filters: [
      ['is-a-template', 'true'],
      ['is-a-snapshot', 'false'],
    ],
  },
  { name: 'snapshot', of: 'VM', filters: [['is-a-snapshot', 'true']] },
];

/**
 * Each class's messages by name, in messagesOf's order, read from the
 * registry: messagesOf derives them afresh at every call, and xe starts faster
 * without deriving them twice.
 */
const classMessages = new Map<ClassDecl, Map<string, MessageDecl>>();
for (const { cls, msg } of registry.values()) {
  const m = classMessages.get(cls) ?? new Map<string, MessageDecl>();
  classMessages.set(cls, m.set(msg.name, msg));
}

function makeClass(name: string, cls: ClassDecl, filters: readonly (readonly [string, string])[]): CliClass {
  const messages: ReadonlyMap<string, MessageDecl> = classMessages.get(cls) ?? new Map();
  const fields = cliFields(cls, messages);
  const names = new Set(fields.map((f) => f.name));
  const wanted = LIST_PARAMS[name] ?? ['uuid', 'name-label', 'name-description'];
  const listParams = wanted.filter((p) => names.has(p));
  return {
    name,
    cls,
    fields,
    listParams: listParams.length ? listParams : fields.map((f) => f.name),
    listFilters: filters,
    messages,
  };
}

/** Whether xe can list a class and address its objects by uuid. */
function listable(cls: ClassDecl): boolean {
  return ['get_all_records', 'get_by_uuid', 'get_record'].every((m) => registry.has(`${cls.name}.${m}`));
}

/** Every xe class, sorted by name: one per listable datamodel class plus xe's VM views. */
export const cliClasses: readonly CliClass[] = [
  ...classes.filter((c) => listable(c) && c.name !== 'VM').map((c) => makeClass(xeClassName(c.name), c, [])),
  ...VIEWS.map((v) => makeClass(v.name, classes.find((c) => c.name === v.of) as ClassDecl, v.filters)),
  // Code-point order (the names are [a-z-]): localeCompare's first call loads
  // ICU's collator, which costs every xe start ~15 ms.
].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

export const cliClassByName: ReadonlyMap<string, CliClass> = new Map(cliClasses.map((c) => [c.name, c]));

/** The xe class used for objects of a datamodel class (VM → vm). */
export function cliClassOf(clsName: string): CliClass | undefined {
  return cliClassByName.get(xeClassName(clsName));
}

export function fieldByName(c: CliClass, name: string): CliField | undefined {
  return c.fields.find((f) => f.name === name);
}

/** xe's qualifier tag: `( RO)`, `( RW)`, `(MRO)`, `(MRW)`, `(SRO)`, `(SRW)`. */
export function qualifierTag(f: CliField): string {
  if (f.kind === 'set') return f.add ? '(SRW)' : '(SRO)';
  if (f.kind === 'map') return f.add ? '(MRW)' : '(MRO)';
  return f.setter ? '( RW)' : '( RO)';
}
