// How long each simulated hypervisor operation takes: its own module, shared by
// the simulator and its device half.
export interface SimulatorLatencies {
  readonly createMs: number;
  readonly buildMs: number;
  readonly deviceModelMs: number;
  readonly destroyMs: number;
  readonly plugMs: number;
  readonly unplugMs: number;
  readonly pauseMs: number;
  /** Per chunk; save and restore move memory in `imageChunks` chunks. */
  readonly saveChunkMs: number;
  readonly restoreChunkMs: number;
  /** How long a cooperative guest takes to acknowledge, then to shut down. */
  readonly guestAckMs: number;
  readonly guestShutdownMs: number;
}

export const zeroLatencies: SimulatorLatencies = {
  createMs: 0,
  buildMs: 0,
  deviceModelMs: 0,
  destroyMs: 0,
  plugMs: 0,
  unplugMs: 0,
  pauseMs: 0,
  saveChunkMs: 0,
  restoreChunkMs: 0,
  guestAckMs: 0,
  guestShutdownMs: 0,
};
