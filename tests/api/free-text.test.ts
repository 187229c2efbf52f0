import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { CustomerModel } from '../../models/customer.model';
import { TicketModel } from '../../models/ticket.model';
import { startHarness, type Harness } from '../support/harness';
import { SUPPORT, TEST_REGION } from '../support/test-config';
import { openTicket, readTicket, ticketBody } from '../support/tickets';

/** Control characters never fill a free-text field; every script, emoji and line break a person writes stays. */
describe('free text in request bodies', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  const post = (body: object) => request(h.app).post('/api/tickets').set('Idempotency-Key', randomUUID()).send(body);
  const put = (path: string, body: object) => request(h.app).put(path).set('Authorization', `Bearer ${h.adminKey}`).send(body);
  const pointers = (res: request.Response) => (res.body.errors as Array<{ pointer: string }>).map((e) => e.pointer);

  it.each([
    ['a subject of NUL and BEL', { subject: '\u0000\u0007' }, {}, '/body/subject'],
    ['a subject that is an ANSI colour code', { subject: '\u001b[31m' }, {}, '/body/subject'],
    ['a description of backspaces and a bidi override', { description: '\b\b\u202e' }, {}, '/body/description'],
    ['a customer name of escape sequences', {}, { name: '\u001b[2J\u001b]0;x\u0007' }, '/body/customer/name'],
  ])('refuses %s with a 400 pointing at the field, and stores nothing', async (_what, overrides, customer, pointer) => {
    const before = { tickets: await TicketModel.countDocuments(), customers: await CustomerModel.countDocuments() };
    const res = await post(ticketBody(overrides, customer)).expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ pointer, message: expect.stringContaining('visible text') }] });
    expect({ tickets: await TicketModel.countDocuments(), customers: await CustomerModel.countDocuments() }).toEqual(before);
  });

  it('stores subjects, descriptions and names in any script, without the control characters around them', async () => {
    const opened = await openTicket(
      h,
      ticketBody(
        { subject: '\u001b[1mطلب استرداد\u001b[0m 注文 👩🏽‍💻 invoice\u202efdp.exe', description: 'שלום,\r\n\tההזמנה\u0000 לא הגיעה.\nZoe\u0308 ✅' },
        { name: ' Zoë\u0007 नमस्ते ' },
      ),
    );
    const ticket = await readTicket(opened.id);
    expect(ticket.subject).toBe('طلب استرداد 注文 👩🏽‍💻 invoicefdp.exe');
    expect(ticket.description).toBe('שלום,\n\tההזמנה לא הגיעה.\nZoe\u0308 ✅');
    expect(ticket.contact?.name).toBe('Zoë नमस्ते');
  });

  it('refuses a customer reply that is only control characters (400 at /body/body)', async () => {
    const opened = await openTicket(h);
    const res = await request(h.app).post(`/api/track/${opened.queryCode}/messages`).send({ body: '\u001b[31m\u0007' }).expect(400);
    expect(pointers(res)).toEqual(['/body/body']);
  });

  it('refuses ops names and titles made of control characters, with a pointer per field', async () => {
    const region = await put('/api/regions/ctl-region', { ...TEST_REGION, id: 'ctl-region', name: '\u0007\u0008' }).expect(400);
    expect(pointers(region)).toEqual(['/body/name']);
    const member = { ...SUPPORT.members[0]!, name: '\u001b[0m' };
    const department = await put('/api/departments/ctl-dept', { ...SUPPORT, id: 'ctl-dept', members: [member], leadId: undefined, escalationDepartmentId: undefined }).expect(400);
    expect(pointers(department)).toEqual(['/body/members/0/name']);
    const process = await request(h.app)
      .post('/api/processes')
      .set('Authorization', `Bearer ${h.adminKey}`)
      .send({ id: 'ctl-process', name: 'Fine', steps: [{ id: 'one', type: 'task', title: '\u0000', departmentId: 'support' }] })
      .expect(400);
    expect(pointers(process)).toEqual(['/body/steps/0/title']);
  });
});
