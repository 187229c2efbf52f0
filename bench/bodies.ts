/** Realistic intake bodies: a few subjects and lengths, a new customer (unique e-mail) per ticket. */
import { randomUUID } from 'node:crypto';

const SAMPLES = [
  { subject: 'Where is my order?', description: 'I ordered a week ago (order 48213) and nothing arrived yet. Can you check please?' },
  { subject: 'Invoice shows the wrong address', description: 'My invoice for March lists our old office address. Please send a corrected copy to the new one.' },
  {
    subject: 'Cannot log in after password reset',
    description:
      'I reset my password this morning and the link worked, but logging in now says the account is locked. ' +
      'I tried on my phone and laptop, cleared cookies, and waited an hour. Could you unlock it or tell me what to do next?',
  },
  { subject: 'Lieferung beschädigt', description: 'Das Paket kam heute an, aber der Karton war eingedrückt und die Tasse ist zerbrochen. Bitte um Ersatz.' },
];

/** The body of intake request number `i` (region of the seeded test configuration). */
export function intakeBody(i: number) {
  const sample = SAMPLES[i % SAMPLES.length]!;
  const id = randomUUID().slice(0, 12);
  return {
    channel: 'web',
    ...sample,
    customer: { name: `Bench Customer ${i}`, email: `bench-${id}@example.test`, regionId: 'test-utc' },
  };
}
