/**
 * When the breach regions open (the gate): late enough that the breach tickets and the tail after them are open
 * and through the worker before it, judged from the rates the background fill just showed, with a margin.
 */
const MARGIN_FACTOR = 1.5;
const MARGIN_MS = 60_000;

export interface GatePlan {
  gateAtMs: number;
  /** The arithmetic, for the log and the report. */
  explained: string;
}

/** The gate: now + 1.5 × (tickets / intake rate + tickets / worker rate) + 60 s, rounded up to a whole minute. */
export function planGate(nowMs: number, tickets: number, intakePerSecond: number, workerPerSecond: number): GatePlan {
  const needMs = (tickets / intakePerSecond + tickets / workerPerSecond) * 1000;
  const gateAtMs = Math.ceil((nowMs + MARGIN_FACTOR * needMs + MARGIN_MS) / 60_000) * 60_000;
  const explained =
    `${MARGIN_FACTOR} × (${tickets} / ${intakePerSecond.toFixed(1)} intake/s + ${tickets} / ${workerPerSecond.toFixed(1)} worker/s) + ${MARGIN_MS / 1000} s ` +
    `= ${((MARGIN_FACTOR * needMs + MARGIN_MS) / 1000).toFixed(0)} s, rounded up to the minute: ${new Date(gateAtMs).toISOString()}`;
  return { gateAtMs, explained };
}
