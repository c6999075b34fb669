// Ctrl-C and SIGTERM for a long study run: the first signal stops new work and aborts what is running
// (clones are killed and their folders removed, scans stop between blobs), so the stage returns with
// everything finished so far recorded. The handlers are then removed, so a second signal gets the default
// action and ends the process at once.
import { constants } from 'node:os';

/** Where signals arrive: the real process from bin; an EventEmitter in tests. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export interface Interrupt {
  signal: AbortSignal;
  /** The signal that stopped the run, if one did. */
  received(): NodeJS.Signals | undefined;
  /** 128 + the signal number (130 for SIGINT, 143 for SIGTERM), the shell's convention. */
  exitCode(): number | undefined;
  dispose(): void;
}

export function onInterrupt(source: SignalSource | undefined, notice: (signal: NodeJS.Signals) => void): Interrupt {
  const controller = new AbortController();
  let got: NodeJS.Signals | undefined;
  const listeners = new Map<NodeJS.Signals, () => void>();
  const dispose = () => {
    for (const [sig, fn] of listeners) source?.off(sig, fn);
    listeners.clear();
  };
  for (const sig of STOP_SIGNALS) {
    const fn = () => {
      got = sig;
      dispose(); // a second signal is no longer ours: the default action ends the process immediately
      notice(sig);
      controller.abort();
    };
    listeners.set(sig, fn);
    source?.on(sig, fn);
  }
  return {
    signal: controller.signal,
    received: () => got,
    exitCode: () => (got ? 128 + (constants.signals[got] ?? 0) : undefined),
    dispose,
  };
}
