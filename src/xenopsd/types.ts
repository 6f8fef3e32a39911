// xenopsd's types: the xenops interface's data types (declared once, with the
// interface, in src/idl/xenops-types.ts; re-exported so that xenopsd's modules
// name one place) and the requests of the backend contract, which are xenopsd's own.
export * from '../idl/xenops-types.js';

export type ShutdownRequest = 'Halt' | 'Reboot' | 'PowerOff' | 'Suspend';

/** Why a domain needs xenopsd's attention. */
export type DomainActionRequest =
  'Needs_poweroff' | 'Needs_reboot' | 'Needs_suspend' | 'Needs_crashdump' | 'Needs_softreset';

export type DeviceActionRequest = 'Needs_unplug' | 'Needs_set_qos';
