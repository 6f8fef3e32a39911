// The last shutdown each guest asked for by itself (a crash, a reboot, a
// power-off from inside), as check-state acted on it. VM.stat reports it so
// that the toolstack above can tell a crash from a shutdown; it is kept in
// memory only: after a restart, xenopsd has seen nothing yet.
import type { GuestEvent } from '../idl/xenops-types.js';
import type { DomainActionRequest } from './types.js';

const reasonOf: Readonly<Record<DomainActionRequest, GuestEvent['reason']>> = {
  Needs_poweroff: 'poweroff',
  Needs_reboot: 'reboot',
  Needs_crashdump: 'crash',
  Needs_suspend: 'suspend',
  Needs_softreset: 'softreset',
};

export class GuestEvents {
  private readonly last = new Map<string, GuestEvent>();

  record(vm: string, request: DomainActionRequest, timeS: number): void {
    this.last.set(vm, { reason: reasonOf[request], time: timeS });
  }

  get(vm: string): GuestEvent | undefined {
    return this.last.get(vm);
  }
}
