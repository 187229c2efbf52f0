/** Tickets the corpus recipes act on beyond the plain one: sign-offs alice answers, and an open survey. */
import { createProcessVersion } from '../../models/process.model';
import { TicketEventModel } from '../../models/ticket-event.model';
import { saveTriageRules } from '../../models/triage-rules.model';
import { findOrCreateCustomer } from '../../services/customers/find-or-create-customer';
import { eventually, type Harness } from '../support/harness';
import { GENERAL_PROCESS, SIGN_OFF_PROCESS, TRIAGE_RULES } from '../support/test-config';
import { act, openTicket, ticketBody, ticketWhen } from '../support/tickets';
import { newVisitor, putWebchat } from '../channels/webchat-support';
import type { CorpusWebchat } from './webchat-routes';

/** A resolved ticket whose survey is open for votes (the test region has no quiet hours: it is sent at once). */
export async function openSurveyed(h: Harness): Promise<string> {
  await createProcessVersion({ ...GENERAL_PROCESS, id: 'corpus-surveyed', survey: { followUpDepartmentId: 'support', lowScoreAtMost: 2 } }, { actor: 'corpus' });
  const categories = [{ id: 'surveyed', name: 'Surveyed', processId: 'corpus-surveyed', keywords: { '*': ['surveyme'] }, patterns: [], minPriority: 'normal' as const }, ...TRIAGE_RULES.categories];
  await saveTriageRules({ ...TRIAGE_RULES, categories }, { actor: 'corpus' });
  const opened = await openTicket(h, ticketBody({ subject: 'surveyme: Ottoline’s telescope' }));
  const t = await ticketWhen(opened.id, (x) => x.task?.stepId === 'handle');
  await act(h, opened.id, 'complete', { taskId: t.task!.taskId, outcome: 'done' }).expect(200);
  await eventually(() => TicketEventModel.exists({ ticketId: opened.id, type: 'survey.sent' }));
  return opened.id;
}

/** `count` tickets whose check is done and whose sign-off waits for alice (the corpus agent) to answer. */
export async function openSignOffs(h: Harness, count: number): Promise<string[]> {
  const aliceSignsOff = { departmentId: 'support', memberIds: ['alice'], mode: 'any' as const };
  const steps = SIGN_OFF_PROCESS.steps.map((st) => (st.type === 'approval' ? { ...st, levels: st.levels.map((l) => ({ ...l, approvers: aliceSignsOff })) } : st));
  await createProcessVersion({ ...SIGN_OFF_PROCESS, steps }, { actor: 'corpus' });
  return Promise.all(Array.from({ length: count }, () => openSignOff(h)));
}

async function openSignOff(h: Harness): Promise<string> {
  const opened = await openTicket(h, ticketBody({ subject: 'signoffme: Ottoline’s telescope refund' }));
  const checked = await ticketWhen(opened.id, (t) => t.task?.stepId === 'check');
  await act(h, opened.id, 'complete', { taskId: checked.task!.taskId, outcome: 'done' }).expect(200);
  await ticketWhen(opened.id, (t) => t.approvals?.[0]?.levels[0]?.status === 'pending');
  return opened.id;
}

/** Two customers (as intake makes them) for the merge recipe: the second to be merged into the first. */
export async function customersToMerge(): Promise<{ survivorId: string; sourceId: string }> {
  const [survivor, source] = [await findOrCreateCustomer({ email: 'survivor@corpus.example' }), await findOrCreateCustomer({ email: 'source@corpus.example' })];
  return { survivorId: survivor.id, sourceId: source.id };
}

/** A web chat channel for the corpus's page origin, and a visitor of it. */
export async function corpusWebchat(h: Harness): Promise<CorpusWebchat> {
  const origin = 'https://corpus.example';
  const view = await putWebchat(h, 'corpus-webchat', [origin]);
  const { visitorId, token } = await newVisitor(h.app, view, origin);
  return { channelId: view.id, origin, siteKey: view.webchat.siteKey, visitorId, token };
}
