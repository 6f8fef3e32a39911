// The temporary VM ids of a migration (daemons.md §1.11): the source domain ends
// under `src`, the destination is built under `dst` and renamed to the real id
// once it runs. For a UUID the last group is replaced (…000000000000 / …000000000001),
// as the original does; other ids get a suffix. Pure.
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface MigrationIds {
  readonly src: string;
  readonly dst: string;
}

export function migrationIds(id: string): MigrationIds {
  const tail = id.slice(24);
  if (uuid.test(id) && tail !== '000000000000' && tail !== '000000000001') {
    const head = id.slice(0, 24);
    return { src: `${head}000000000000`, dst: `${head}000000000001` };
  }
  return { src: `${id}.migrate-src`, dst: `${id}.migrate-dst` };
}
