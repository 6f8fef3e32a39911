// Local users for RBAC tests, made through the API as an administrator would:
// a subject holding exactly one role, with a password to log in with.
import type { XapiClient } from '../../src/client/generated.js';
import type { Role } from '../../src/datamodel/types.js';

/** A local user `name` (password `<name>-pw`) holding only `role`. */
export async function userWithRole(admin: XapiClient, name: string, role: Role): Promise<void> {
  const subject = await admin.subject.create({ subject_identifier: `local:${name}`, other_config: {} });
  for (const r of await admin.subject.get_roles(subject)) await admin.subject.remove_from_roles(subject, r);
  await admin.subject.add_to_roles(subject, (await admin.role.get_by_name_label(role))[0] as string);
  await admin.subject.set_local_password(subject, `${name}-pw`);
}
