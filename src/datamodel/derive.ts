// The implicit messages of a class, derived from its fields and flags as
// xapi's datamodel_utils does: getters for every field, setters and
// add/remove for RW fields, and the per-class get_record, get_by_uuid,
// get_by_name_label, get_all*, create and destroy.
import { param, rolesFrom, t } from './build.js';
import type { ClassDecl, FieldDecl, MessageDecl, MessageTag, ParamDecl, Role, Ty } from './types.js';

function implicit(
  name: string,
  tag: MessageTag,
  params: readonly ParamDecl[],
  result: Ty,
  role: Role,
  doc: string,
  opts: { async?: boolean; hidden?: boolean; resultDoc?: string } = {},
): MessageDecl {
  return {
    name,
    params,
    result,
    resultDoc: opts.resultDoc ?? '',
    errors: [],
    roles: rolesFrom(role),
    async: opts.async ?? false,
    session: true,
    doc,
    lifecycle: 'published',
    tag,
    hidden: opts.hidden ?? false,
    extension: false,
  };
}

function fieldMessages(cls: ClassDecl, f: FieldDecl): MessageDecl[] {
  const self = param('self', t.ref(cls.name), 'The object.');
  const out: MessageDecl[] = [
    implicit(
      `get_${f.name}`,
      { kind: 'getter', field: f.name },
      [self],
      f.ty,
      f.readRole ?? cls.readRole,
      `Get the ${f.name} field of the given ${cls.name}.`,
      { resultDoc: 'The value of the field.' },
    ),
  ];
  if (f.qualifier !== 'RW') return out;
  const role = f.writeRole ?? cls.writeRole;
  const ty = f.ty;
  // A set of refs is the far side of a relation: the DB maintains it.
  if (ty.kind === 'set' && ty.of.kind === 'ref') return out;
  out.push(
    implicit(
      `set_${f.name}`,
      { kind: 'setter', field: f.name },
      [self, param('value', ty, 'The new value.')],
      t.void,
      role,
      `Set the ${f.name} field of the given ${cls.name}.`,
    ),
  );
  if (ty.kind === 'set') {
    out.push(
      implicit(
        `add_${f.name}`,
        { kind: 'add', field: f.name },
        [self, param('value', ty.of, 'The value to add.')],
        t.void,
        role,
        `Add a value to the ${f.name} set of the given ${cls.name} (no change if present).`,
      ),
      implicit(
        `remove_${f.name}`,
        { kind: 'remove', field: f.name },
        [self, param('value', ty.of, 'The value to remove.')],
        t.void,
        role,
        `Remove a value from the ${f.name} set of the given ${cls.name} (no change if absent).`,
      ),
    );
  } else if (ty.kind === 'map') {
    out.push(
      implicit(
        `add_to_${f.name}`,
        { kind: 'add_to', field: f.name },
        [self, param('key', ty.key, 'The key to add.'), param('value', ty.value, 'Its value.')],
        t.void,
        role,
        `Add a key-value pair to the ${f.name} map of the given ${cls.name}; MAP_DUPLICATE_KEY if the key exists.`,
      ),
      implicit(
        `remove_from_${f.name}`,
        { kind: 'remove_from', field: f.name },
        [self, param('key', ty.key, 'The key to remove.')],
        t.void,
        role,
        `Remove a key from the ${f.name} map of the given ${cls.name} (no change if absent).`,
      ),
    );
  }
  return out;
}

function classMessages(cls: ClassDecl): MessageDecl[] {
  const out: MessageDecl[] = [];
  const ref = t.ref(cls.name);
  const has = (n: string): boolean => cls.fields.some((f) => f.name === n);
  out.push(
    implicit(
      'get_record',
      { kind: 'get_record' },
      [param('self', ref, 'The object.')],
      t.record(cls.name),
      cls.readRole,
      `Get a record containing the current state of the given ${cls.name}.`,
      { resultDoc: 'All fields of the object.' },
    ),
  );
  if (has('uuid')) {
    out.push(
      implicit(
        'get_by_uuid',
        { kind: 'get_by_uuid' },
        [param('uuid', t.string, 'UUID of the object.')],
        ref,
        cls.readRole,
        `Get a reference to the ${cls.name} with the given UUID.`,
        { resultDoc: 'The reference.' },
      ),
    );
  }
  // Only a name_label in the `name` namespace counts (pool's plain one does not).
  if (cls.fields.some((f) => f.dbName === 'name__label')) {
    out.push(
      implicit(
        'get_by_name_label',
        { kind: 'get_by_name_label' },
        [param('label', t.string, 'The label to match exactly.')],
        t.set(ref),
        cls.readRole,
        `Get all the ${cls.name} instances with the given label.`,
        { resultDoc: 'References to the objects with that label.' },
      ),
    );
  }
  if (cls.constructorDestructor) {
    out.push(
      implicit(
        'create',
        { kind: 'create' },
        [param('args', t.record(cls.name), 'All constructor arguments.')],
        ref,
        cls.writeRole,
        `Create a new ${cls.name} instance and return its reference.`,
        { async: true, resultDoc: 'The new object.' },
      ),
      implicit(
        'destroy',
        { kind: 'destroy' },
        [param('self', ref, 'The object.')],
        t.void,
        cls.writeRole,
        `Destroy the given ${cls.name} instance.`,
        { async: true },
      ),
    );
  }
  if (cls.getAll) {
    const records = t.map(ref, t.record(cls.name));
    const expr = param('expr', t.string, 'An expression in the get_all_records_where language.');
    out.push(
      implicit(
        'get_all',
        { kind: 'get_all' },
        [],
        t.set(ref),
        cls.readRole,
        `List all ${cls.name} instances.`,
        {
          resultDoc: 'References to all objects.',
        },
      ),
      implicit(
        'get_all_records',
        { kind: 'get_all_records' },
        [],
        records,
        cls.readRole,
        `Get the records of all ${cls.name} instances.`,
        { resultDoc: 'A map from reference to record.' },
      ),
      implicit(
        'get_all_records_where',
        { kind: 'get_all_records_where' },
        [expr],
        records,
        cls.readRole,
        `Get the records of the ${cls.name} instances matching an expression.`,
        { hidden: true, resultDoc: 'A map from reference to record.' },
      ),
      implicit(
        'get_all_where',
        { kind: 'get_all_where' },
        [expr],
        t.set(ref),
        cls.readRole,
        `Get references to the ${cls.name} instances matching an expression.`,
        { hidden: true, resultDoc: 'References to the matching objects.' },
      ),
    );
  }
  return out;
}

/** Every message of a class: hand-written ones win over implicit ones of the same name. */
export function messagesOf(cls: ClassDecl): MessageDecl[] {
  const custom = new Set(cls.messages.map((m) => m.name));
  const derived = cls.inDb
    ? [...classMessages(cls), ...cls.fields.flatMap((f) => fieldMessages(cls, f))]
    : [];
  return [...cls.messages, ...derived.filter((m) => !custom.has(m.name))];
}
