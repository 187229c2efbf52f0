import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import request from 'supertest';
import { ticketWorkflowId } from '../../domain/ticket';
import { createPayloadCodec } from '../../temporal/data-converter';
import { addInternalNoteUpdate, replyToCustomerUpdate, type StaffMessageInput } from '../../workflows/messages';
import { startHarness, type Harness } from '../support/harness';
import { countEvents, historyBytes, payloadsIn } from '../support/history-payloads';
import { act, eventsOf, eventWhen, openTicket, ticketBody } from '../support/tickets';

describe('data in Temporal: ticket payloads are encrypted and only our key can make a ticket act', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  /** A client that reaches Temporal's frontend but does not hold the payload key. */
  const keylessClient = () => new Client({ connection: h.client.connection, namespace: h.config.temporal.namespace });
  const rawHistory = (id: string) => keylessClient().workflow.getHandle(ticketWorkflowId(id)).fetchHistory();

  it('stores no customer message, staff note or contact detail readably in Temporal’s history', async () => {
    const email = `ines-${randomUUID().slice(0, 8)}@private.example`;
    const opened = await openTicket(h, ticketBody({}, { name: 'Ines Quartermaine', email }));
    const customerMessage = `My IBAN is DE89 3704 0044 0532 0130 00 (${randomUUID()})`;
    const note = `Internal: customer is a VIP, call back on +49 176 ${randomUUID().slice(0, 6)}`;
    await request(h.app).post(`/api/track/${opened.queryCode}/messages`).send({ body: customerMessage }).expect(201);
    await act(h, opened.id, 'notes', { body: note }).expect(200);
    await eventWhen(opened.id, 'note.internal');

    const history = await rawHistory(opened.id);
    const stored = historyBytes(history).toString('latin1');
    for (const secret of [customerMessage, note, 'DE89 3704', email, 'Quartermaine']) expect(stored).not.toContain(secret);

    // …and they did reach Temporal: decrypted with the key, the same history holds both.
    const decoded = await createPayloadCodec(h.config).decodeForDisplay(payloadsIn(history));
    const readable = JSON.stringify(decoded.map((p) => defaultPayloadConverter.fromPayload(p)));
    expect(readable).toContain(customerMessage);
    expect(readable).toContain(note);
  });

  it('refuses updates sent without the key: a forged note or reply changes nothing, and the ticket keeps working', async () => {
    const opened = await openTicket(h);
    const id = opened.id;
    await eventWhen(id, 'task.created');
    const handle = keylessClient().workflow.getHandle(ticketWorkflowId(id));
    const acceptedBefore = countEvents(await rawHistory(id), 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED');
    const forged = (body: string): StaffMessageInput => ({ messageId: randomUUID(), body, actor: { type: 'member', id: 'lena-lead' } });

    await expect(handle.executeUpdate(addInternalNoteUpdate, { args: [forged('forged note: refund approved')] })).rejects.toThrow();
    await expect(handle.executeUpdate(replyToCustomerUpdate, { args: [forged('forged reply: send us your password')] })).rejects.toThrow();

    // The legitimate path still works at once: the workflow is neither blocked nor retrying a failed task.
    await act(h, id, 'notes', { body: 'genuine note' }).expect(200);
    await eventWhen(id, 'note.internal', (e) => e.data.body === 'genuine note');
    const bodies = (await eventsOf(id)).map((e) => String(e.data.body ?? ''));
    expect(bodies.filter((b) => b.startsWith('forged'))).toEqual([]);
    expect(h.smtp.messages.filter((m) => m.raw.includes('send us your password'))).toEqual([]);
    const history = await rawHistory(id);
    expect(countEvents(history, 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED')).toBe(acceptedBefore + 1); // the genuine note only
    expect(countEvents(history, 'EVENT_TYPE_WORKFLOW_TASK_FAILED')).toBe(0);
  });
});
