// The implicit messages, implemented once for every class over the object
// database: getters, setters, map/set adders and removers, get_record,
// get_by_*, get_all*, and the generic create/destroy. They name classes and
// fields by their declarations, so they use the untyped store (dispatch has
// checked the arguments against the same declarations).
import { apiError } from '../datamodel/api-error.js';
import type { ClassDecl, MessageDecl, Value } from '../datamodel/types.js';
import { parseFilter } from '../db/filter.js';
import type { Fields, ObjectStore, Row } from '../db/store.js';

function recordsOf(rows: Iterable<readonly [string, Row]>): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [ref, row] of rows) out[ref] = row;
  return out;
}

/** The fields a client may give to create(): RW and StaticRO ones. */
export function constructorArgs(cls: ClassDecl, args: Readonly<Record<string, Value | undefined>>): Fields {
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(args)) {
    const f = cls.fields.find((x) => x.name === k);
    if (!f || f.qualifier === 'DynamicRO') {
      throw apiError('INVALID_VALUE', { field: k, value: 'not a constructor field' });
    }
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export function dbAction(
  db: ObjectStore,
  cls: ClassDecl,
  msg: MessageDecl,
  args: readonly Value[],
): Value | void {
  const tag = msg.tag;
  const self = args[0] as string;
  switch (tag.kind) {
    case 'getter':
      return db.get(cls.name, self)[tag.field];
    case 'setter':
      db.update(cls.name, self, { [tag.field]: args[1] });
      return;
    case 'add_to':
      db.addToMap(cls.name, self, tag.field, args[1] as string, args[2] as Value);
      return;
    case 'remove_from':
      db.removeFromMap(cls.name, self, tag.field, args[1] as string);
      return;
    case 'add':
      db.addToSet(cls.name, self, tag.field, args[1] as Value);
      return;
    case 'remove':
      db.removeFromSet(cls.name, self, tag.field, args[1] as Value);
      return;
    case 'get_record':
      return db.get(cls.name, self);
    case 'get_by_uuid': {
      const ref = db.refByUuid(cls.name, self);
      if (ref === undefined) throw apiError('UUID_INVALID', { type: cls.name, uuid: self });
      return ref;
    }
    case 'get_by_name_label':
      return db.refsByNameLabel(cls.name, self);
    case 'get_all':
      return [...db.all(cls.name)].map(([ref]) => ref);
    case 'get_all_records':
      return recordsOf(db.all(cls.name));
    case 'get_all_records_where':
      return recordsOf(db.where(cls.name, parseFilter(self)));
    case 'get_all_where':
      return db.where(cls.name, parseFilter(self)).map(([ref]) => ref);
    case 'create':
      return db.create(
        cls.name,
        constructorArgs(cls, args[0] as Readonly<Record<string, Value | undefined>>),
      );
    case 'destroy':
      db.destroy(cls.name, self);
      return;
    case 'custom':
      throw new Error(`${cls.name}.${msg.name} is hand-written`);
  }
}
