// The child's side of the supervisor: a daemon it started stops when the
// supervisor goes, however the supervisor went (even SIGKILL, which it cannot
// handle). The supervisor holds an IPC channel to each child; the channel
// closing means the parent has gone.

/**
 * Exit statuses with which xapi tells its supervisor what host.restart_agent
 * and host.shutdown_agent asked for: start it again at once, or leave it
 * stopped (the other daemons and the VMs carry on). Status 0 stays the
 * machine going down (host.shutdown / host.reboot).
 */
export const EXIT_AGENT_RESTART = 75;
export const EXIT_AGENT_SHUTDOWN = 76;

/** Set by the supervisor in each daemon's environment. */
export const SUPERVISED_ENV = 'XAPI_TS_SUPERVISED';

/** How long a daemon orphaned this way may take over its own SIGTERM stop before it exits anyway. */
const ORPHAN_GRACE_MS = 5000;

export function stopWithSupervisor(): void {
  if (process.env[SUPERVISED_ENV] !== '1') return;
  // Processes this daemon starts (QEMU, hooks, …) are not the supervisor's children.
  delete process.env[SUPERVISED_ENV];
  if (!process.channel) return;
  process.once('disconnect', () => {
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => process.exit(1), ORPHAN_GRACE_MS).unref();
  });
  // The channel alone must not keep a daemon that has stopped alive.
  process.channel.unref();
}
