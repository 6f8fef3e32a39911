// SysRq keys and hardware triggers as QMP commands (pure). SysRq is the
// keyboard chord Alt+SysRq+key on the emulated PS/2 keyboard; triggers map
// onto QEMU's own NMI, reset and ACPI power button. QEMU has no ACPI sleep
// button nor an INIT signal to send, so those triggers are refused.
import type { VmTrigger } from '../../../idl/vm-signals.js';

export interface QmpCall {
  readonly execute: string;
  readonly arguments: Record<string, unknown>;
}

const qcode = (data: string) => ({ type: 'qcode', data });

/** `send-key` of Alt+SysRq+`key` (`key` is one of `0-9a-z`, which are also QEMU's qcodes). */
export function sysrqKeys(key: string): QmpCall {
  return { execute: 'send-key', arguments: { keys: [qcode('alt'), qcode('sysrq'), qcode(key)] } };
}

/** The QMP commands of a trigger, or undefined when QEMU cannot deliver it. */
export function triggerCalls(trigger: VmTrigger): readonly QmpCall[] | undefined {
  switch (trigger) {
    case 'nmi':
      return [{ execute: 'inject-nmi', arguments: {} }];
    case 'reset':
      // stopped first, so that nothing of the guest runs on between the reset and its report
      return [
        { execute: 'stop', arguments: {} },
        { execute: 'system_reset', arguments: {} },
      ];
    case 'power':
      return [{ execute: 'system_powerdown', arguments: {} }];
    case 's3resume':
      return [{ execute: 'system_wakeup', arguments: {} }];
    case 'init':
    case 'sleep':
      return undefined;
  }
}
