// VM.NVRAM: the firmware's non-volatile variables. Key `EFI-variables` holds
// a UEFI guest's variable store as xapi-ts keeps it everywhere (xenopsd's
// exported metadata, the QEMU backend's NVRAM file): base64 of the gzipped
// OVMF store. Other keys are free-form.
import { gunzipSync } from 'node:zlib';
import { apiError } from '../../datamodel/api-error.js';

export const EFI_VARIABLES = 'EFI-variables';
/** The largest variable store accepted (OVMF's are 4 MiB). */
const MAX_STORE = 64 << 20;

/** The UEFI variable store in `nvram`, checked, or undefined when there is none. */
export function efiStoreOf(nvram: Readonly<Record<string, string>>): Buffer | undefined {
  const value = nvram[EFI_VARIABLES];
  if (value === undefined) return undefined;
  const bad = () => apiError('INVALID_VALUE', { field: `NVRAM:${EFI_VARIABLES}`, value: value.slice(0, 80) });
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) throw bad();
  try {
    return gunzipSync(Buffer.from(value, 'base64'), { maxOutputLength: MAX_STORE });
  } catch {
    throw bad();
  }
}

/** INVALID_VALUE unless every value is acceptable. */
export function checkNvram(nvram: Readonly<Record<string, string>>): void {
  efiStoreOf(nvram);
}
