// The object database: the store interface, its in-memory implementation,
// SQLite persistence, the filter language and event tokens.
export type * from './store.js';
export { MemoryStore, type StoreOptions } from './memory.js';
export { openDatabase, FORMAT_VERSION, type OpenOptions } from './sqlite.js';
export { parseFilter, compileFilter, storedString, type Filter, type FilterExpr } from './filter.js';
export { formatToken, parseToken, parseSubscriptions, subscribes, type Subscription } from './events.js';
export { typedView, untypedView } from './typed.js';
export type { ClassName, MapField, MapValue, Patch, SetElement, SetField, TypedStore } from './typed.js';
