/** An agent working a ticket through the department task routes, with an agent key of the task's department. */
import type { AckedKind, TicketRecord } from '../ledger';
import { expectStatus, waitFor, type ActorContext } from './actor-context';

interface StaffView {
  status: string;
  task: { taskId: string; departmentId: string; status: string } | null;
}

function view(ctx: ActorContext, rec: TicketRecord, departmentId: string): Promise<StaffView | undefined> {
  return ctx.http.send('GET', `/api/tickets/${rec.id}`, { auth: ctx.agentKeys[departmentId] }).then((a) => (a.status === 200 ? (a.body as StaffView) : undefined));
}

/** An agent of one department acting on one ticket. */
export function agent(ctx: ActorContext, rec: TicketRecord, departmentId: string) {
  const auth = ctx.agentKeys[departmentId];
  async function act(kind: AckedKind, step: string, body: object): Promise<void> {
    const answer = await ctx.http.send('POST', `/api/tickets/${rec.id}/${step}`, { body, key: `${rec.intakeKey}:${kind}:${rec.acked.length}`, auth });
    expectStatus(rec, step, answer, [200]);
  }
  async function message(kind: 'agent-reply' | 'info-request' | 'note', step: string): Promise<void> {
    const token = `soak-token-${rec.intakeKey}-${rec.acked.length}`;
    await act(kind, step, { body: `Checking this for you (${token}).` });
    rec.acked.push({ kind, token });
  }
  return {
    /** Waits until the department holds an open task of the ticket; returns its id. */
    awaitTask: () =>
      waitFor(ctx, `a ${departmentId} task on ${rec.id}`, async () => {
        const v = await view(ctx, rec, departmentId);
        return v?.task && v.task.departmentId === departmentId && v.task.status !== 'done' ? v.task.taskId : undefined;
      }),
    /** Waits until the ticket's status (as staff see it) satisfies `ok`. */
    awaitStatus: (what: string, ok: (status: string) => boolean) =>
      waitFor(ctx, `${rec.id} ${what}`, async () => ((v) => (v && ok(v.status) ? v.status : undefined))(await view(ctx, rec, departmentId))),
    async claim(taskId: string) {
      await act('claim', 'claim', { taskId });
      rec.acked.push({ kind: 'claim', token: taskId });
    },
    reply: () => message('agent-reply', 'replies'),
    requestInfo: () => message('info-request', 'info-requests'),
    note: () => message('note', 'notes'),
    async complete(taskId: string, outcome: string) {
      await act('complete', 'complete', { taskId, outcome });
      rec.acked.push({ kind: 'complete', token: `${taskId}:${outcome}` });
    },
  };
}
