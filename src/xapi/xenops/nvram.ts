// VM.NVRAM's EFI-variables and the backend's UEFI variable store agree: xapi
// gives its copy to xenopsd with the VM's configuration at every start (the
// backend adopts it), and when a UEFI VM stops, xapi reads back what the
// guest left in the store (xenopsd's exported metadata carries it).
import type { Client } from '../../idl/index.js';
import type { XenopsInterface } from '../../idl/xenops.js';
import type { XapiDb } from '../store.js';
import { EFI_VARIABLES } from '../vm-config/nvram.js';

const isUefi = (db: XapiDb, vm: string): boolean => {
  const row = db.find('VM', vm);
  return row?.HVM_boot_params['firmware'] === 'uefi' || row?.platform['firmware'] === 'uefi';
};

/** The store in a VM's exported metadata, if the backend keeps one. */
function storeOf(metadata: string): string | undefined {
  try {
    const md = JSON.parse(metadata) as { domains?: unknown };
    if (typeof md.domains !== 'string' || md.domains === '') return undefined;
    const state = JSON.parse(md.domains) as { nvram?: unknown };
    return typeof state.nvram === 'string' ? state.nvram : undefined;
  } catch {
    return undefined;
  }
}

/** Copy a stopped UEFI VM's variable store into VM.NVRAM (best effort: xenopsd keeps it anyway). */
export async function readBackNvram(
  db: XapiDb,
  client: Client<XenopsInterface>,
  vm: string,
  uuid: string,
): Promise<void> {
  if (!isUefi(db, vm)) return;
  let metadata: string;
  try {
    metadata = await client.call('VM.export_metadata', { dbg: 'xapi', id: uuid });
  } catch {
    return;
  }
  const store = storeOf(metadata);
  const row = db.find('VM', vm);
  if (store === undefined || !row || row.NVRAM[EFI_VARIABLES] === store) return;
  db.update('VM', vm, { NVRAM: { ...row.NVRAM, [EFI_VARIABLES]: store } });
}
