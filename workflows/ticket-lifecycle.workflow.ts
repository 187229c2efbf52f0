/** One durable workflow per ticket: triage, department tasks step by step, SLA clocks, resolution, reopen or close. */
import { allHandlersFinished, condition, continueAsNew, patched, setHandler } from '@temporalio/workflow';
import type { TicketSnapshot } from '../domain/ticket-snapshot';
import { ticketLifecycleV01 } from './legacy/v0-1/ticket-lifecycle';
import { configurationChangedSignal, ticketSnapshotQuery } from './messages';
import { runEscalations } from './escalation';
import { enqueueOutbound, runOutbound } from './outbound';
import { startClock, startMetClock } from './sla-clocks';
import { runSlaMonitor } from './sla-monitor';
import { shouldContinueAsNew } from './continue-as-new';
import { workOnCurrentStep } from './process-runner';
import { migrateState } from './state-migrations';
import { awaitSurvey } from './survey';
import { registerTicketHandlers } from './ticket-handlers';
import { eventsStored, record, recordAhead, SYSTEM } from './ticket-recorder';
import { newTicketState, type TicketState, type TicketWorkflowInput } from './ticket-state';
import { toSnapshot } from './ticket-views';
import { untilConfigured, type ConfigurationChanges } from './until-configured';
import { planning, storage } from './activity-options';

/**
 * Deploy strategy (README "Deploying workflow changes"): a release that changes what the workflow does gets one patch
 * id, checked once at the start of every run. A run started by an earlier release replays without the marker and
 * stays on that release's frozen code under workflows/legacy/ until its next continue-as-new; new runs record the
 * marker and run the current code. Carried state is upgraded by migrateState (stateVersion).
 */
export const LIFECYCLE_PATCH = 'lifecycle-0.2';

/**
 * Release 0.3 (README "Deploying workflow changes"): triage and routing go on while their events are written, and both
 * SLA clocks are placed at once, so a ticket reaches its first task in half the sequential steps. Small enough to keep
 * 0.2's path beside it instead of a frozen copy: a run of 0.2 replays without this marker and waits where it waited.
 */
export const OVERLAP_PATCH = 'lifecycle-0.3';

/**
 * Release 0.5: a resolved ticket tells the customer (the `resolution` message, with until when a reply reopens it). A
 * run of 0.4 or earlier replays without this marker and resolves silently, as its history recorded.
 */
export const RESOLUTION_NOTICE_PATCH = 'lifecycle-0.5';

// A function, not an inline comparison: handlers change the phase between awaits, which narrowing cannot see.
function isClosed(s: TicketState): boolean {
  return s.phase === 'closed';
}

/** Runs a ticket from intake to closure; survives worker restarts and continues as new when its history grows. */
export async function ticketLifecycleWorkflow(input: TicketWorkflowInput): Promise<TicketSnapshot> {
  if (!patched(LIFECYCLE_PATCH)) return ticketLifecycleV01(input as Parameters<typeof ticketLifecycleV01>[0]);
  const s = input.state ? migrateState(input.state) : newTicketState(input);
  s.overlapWrites = patched(OVERLAP_PATCH);
  s.noticeResolution = patched(RESOLUTION_NOTICE_PATCH);
  registerTicketHandlers(s);
  setHandler(ticketSnapshotQuery, () => toSnapshot(s));
  let configurationChanged = 0;
  setHandler(configurationChangedSignal, () => void (configurationChanged += 1));
  const monitor = runSlaMonitor(s);
  const outbound = runOutbound(s);
  const escalations = runEscalations(s);
  const configured = { changed: () => configurationChanged };
  if (s.phase === 'new') await triage(s, configured);
  // A low score on the survey after closing reopens the ticket for its follow-up: the lifecycle goes round again.
  do {
    while (!isClosed(s)) {
      if (s.phase === 'working') await workOnCurrentStep(s, configured);
      else if (s.phase === 'resolved') await awaitReopenOrClose(s);
      if (!isClosed(s) && shouldContinueAsNew(s)) {
        // Nothing may change the state between the check and the new run: an event recorded after it would be carried
        // in `seq` but never stored. Another coroutine woken in the same activation may run first, so check again.
        const quiet = () => allHandlersFinished() && s.inFlight === 0 && eventsStored(s);
        do await condition(quiet);
        while (!quiet());
        await continueAsNew<typeof ticketLifecycleWorkflow>({ ticketId: s.ticketId, receivedAtMs: s.receivedAtMs, state: s });
      }
    }
  } while (await awaitSurvey(s));
  // A reply or escalation still in progress when the ticket closes is finished, and every queued message goes out.
  await condition(() => allHandlersFinished() && s.inFlight === 0);
  await escalations;
  await outbound;
  await monitor;
  await condition(() => eventsStored(s));
  return toSnapshot(s);
}

async function triage(s: TicketState, configured: ConfigurationChanges): Promise<void> {
  if (s.intakeId) await storage.admitTicket({ ticketId: s.ticketId, intakeId: s.intakeId });
  await recordAhead(s, 'ticket.created', { type: 'customer', id: 'customer' });
  enqueueOutbound(s, { key: `${s.ticketId}:acknowledgement`, kind: 'acknowledgement' });
  const plan = await untilConfigured(s, configured, () => planning.planTicket({ ticketId: s.ticketId }));
  s.plan = plan;
  s.priority = plan.priority;
  const answeredEarly = s.firstRespondedAtMs; // staff can reply before triage has finished: that reply counts
  if (answeredEarly !== null) startMetClock(s, 'firstResponse', s.receivedAtMs, answeredEarly);
  const firstResponse = answeredEarly === null ? startClock(s, 'firstResponse', s.receivedAtMs) : Promise.resolve();
  if (!s.overlapWrites) await firstResponse; // 0.2 placed the clocks one after the other
  await Promise.all([firstResponse, startClock(s, 'resolution', s.receivedAtMs)]);
  await recordAhead(s, 'ticket.triaged', SYSTEM, {
    language: plan.language,
    categoryId: plan.categoryId,
    priority: plan.priority,
    matched: plan.matched,
    processId: plan.process.id,
    processVersion: plan.process.version,
    slaPolicyId: plan.slaPolicyId,
  });
  if (answeredEarly !== null) await recordAhead(s, 'sla.met', SYSTEM, { clock: 'firstResponse', metAtMs: answeredEarly, dueAtMs: null, breachedAtMs: null, escalationLevel: -1 });
  s.phase = 'working';
}

async function awaitReopenOrClose(s: TicketState): Promise<void> {
  const wait = Math.max(1, (s.closesAtMs ?? Date.now()) - Date.now());
  const woke = await condition(() => s.phase !== 'resolved' || shouldContinueAsNew(s), wait);
  if (woke) return; // reopened (the handler cleared the task) or time to continue as new
  s.phase = 'closed';
  s.closedAtMs = Date.now();
  s.slaVersion += 1;
  await record(s, 'ticket.closed', SYSTEM);
}
