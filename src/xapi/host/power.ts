// The machine-level side of host.shutdown and host.reboot: the command that
// powers the machine off or reboots it, and this host's local record that a
// power-off is under way (xapi keeps it in its local database as
// host_disabled_until_reboot). The record holds the boot id of the system
// that asked; once the machine has booted again the id differs and the
// record is stale.
import { spawn } from 'node:child_process';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export type PowerAction = 'shutdown' | 'reboot';

export interface HostPowerOptions {
  /** Shell command that powers the machine off (default `poweroff`). */
  readonly poweroffCommand?: string;
  /** Shell command that reboots the machine (default `reboot`). */
  readonly rebootCommand?: string;
  /** Pause before powering off, so the API call's answer reaches its client (ms, default 1000). */
  readonly delayMs?: number;
  /** The identity of the running system's boot (default: the kernel's boot_id). */
  readonly bootId?: string;
}

interface LocalState {
  /** Boot id of the system on which a shutdown or reboot was started. */
  readonly disabledUntilRebootOf?: string;
}

function kernelBootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
}

export class HostPower {
  readonly bootId: string;
  readonly delayMs: number;
  private readonly file: string;
  private state: LocalState;
  private down: () => void = () => undefined;

  constructor(
    stateDir: string,
    private readonly opts: HostPowerOptions = {},
  ) {
    this.bootId = opts.bootId ?? kernelBootId();
    this.delayMs = opts.delayMs ?? 1000;
    this.file = join(stateDir, 'host-local.json');
    try {
      this.state = JSON.parse(readFileSync(this.file, 'utf8')) as LocalState;
    } catch {
      this.state = {};
    }
  }

  /** True while a shutdown or reboot started on this boot of the system has not happened. */
  get disabledUntilReboot(): boolean {
    return this.state.disabledUntilRebootOf === this.bootId;
  }

  /** A power-off was recorded on an earlier boot: the machine has restarted since. */
  get rebootedSincePowerOff(): boolean {
    const of = this.state.disabledUntilRebootOf;
    return of !== undefined && of !== this.bootId;
  }

  /** What stops the toolstack once the power command has run (set by the server). */
  onToolstackDown(fn: () => void): void {
    this.down = fn;
  }

  toolstackDown(): void {
    this.down();
  }

  markDisabledUntilReboot(): void {
    this.write({ disabledUntilRebootOf: this.bootId });
  }

  clearDisabledUntilReboot(): void {
    this.write({});
  }

  /** Run the power-off or reboot command; resolves with its exit status (or a spawn failure). */
  runCommand(action: PowerAction): Promise<{ ok: boolean; detail: string }> {
    const cmd =
      action === 'shutdown'
        ? (this.opts.poweroffCommand ?? 'poweroff')
        : (this.opts.rebootCommand ?? 'reboot');
    return new Promise((resolve) => {
      const child = spawn('/bin/sh', ['-c', cmd], { stdio: ['ignore', 'inherit', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-2000)));
      child.once('error', (e) => resolve({ ok: false, detail: e.message }));
      child.once('close', (code, signal) =>
        resolve({
          ok: code === 0,
          detail: `${cmd}: exit ${signal ?? code}${stderr ? `: ${stderr.trim()}` : ''}`,
        }),
      );
    });
  }

  /** Replace the state file atomically and durably. */
  private write(state: LocalState): void {
    if (state.disabledUntilRebootOf === undefined && this.state.disabledUntilRebootOf === undefined) return;
    this.state = state;
    if (state.disabledUntilRebootOf === undefined) {
      rmSync(this.file, { force: true });
      return;
    }
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(state));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
  }
}
