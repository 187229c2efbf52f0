/**
 * Missing ops configuration (no region, SLA policy, triage rules, process or department) never leaves a ticket
 * silently stuck: it is marked `needs_attention` with a visible event, ops are told, and the step is tried again when
 * ops change the configuration (a signal from the configuration API) or, failing that, on a backoff timer.
 */
import { ActivityFailure, ApplicationFailure, condition, patched } from '@temporalio/workflow';
import { CONFIGURATION_MISSING } from './activity-options';
import { enqueueOutbound } from './outbound';
import { record, SYSTEM } from './ticket-recorder';
import type { TicketState } from './ticket-state';

const FIRST_RETRY_MS = 60_000;

/**
 * Counts changes from before each attempt: a change ops made while the attempt failed or the ticket was being marked
 * wakes it at once. Before this patch the count was taken after marking, so a change whose signal reached the workflow
 * in the same activation as the marking's completion (signals are applied first) waited for the backoff timer.
 */
export const ATTENTION_WAKE_PATCH = 'attention-wake-0.5';
const MAX_RETRY_MS = 60 * 60_000;

/** Counts the configuration-changed signals the workflow received. */
export interface ConfigurationChanges {
  changed(): number;
}

function missingConfiguration(err: unknown): string | null {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  return cause instanceof ApplicationFailure && cause.type === CONFIGURATION_MISSING ? cause.message : null;
}

async function markNeedsAttention(s: TicketState, reason: string): Promise<void> {
  s.attention = { reason, sinceMs: Date.now() };
  await record(s, 'ticket.needs_attention', SYSTEM, { reason });
  enqueueOutbound(s, { key: `${s.ticketId}:attention:${s.seq}`, kind: 'ops-alert', body: `Ticket ${s.ticketId} needs attention: ${reason}` });
}

/** Runs `attempt` until it stops failing for missing configuration; other failures are rethrown. */
export async function untilConfigured<T>(s: TicketState, changes: ConfigurationChanges, attempt: () => Promise<T>): Promise<T> {
  let waitMs = FIRST_RETRY_MS;
  const countBeforeAttempt = patched(ATTENTION_WAKE_PATCH);
  for (;;) {
    const before = countBeforeAttempt ? changes.changed() : null;
    try {
      const value = await attempt();
      if (s.attention) {
        const { reason } = s.attention;
        s.attention = null;
        await record(s, 'ticket.attention_resolved', SYSTEM, { reason });
      }
      return value;
    } catch (err) {
      const reason = missingConfiguration(err);
      if (reason === null) throw err;
      if (!s.attention) await markNeedsAttention(s, reason);
      const seen = before ?? changes.changed();
      await condition(() => changes.changed() !== seen, waitMs);
      waitMs = Math.min(waitMs * 2, MAX_RETRY_MS);
    }
  }
}
