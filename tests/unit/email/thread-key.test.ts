import { queryCodeInSubject, threadKey, type ThreadKey } from '../../../domain/email/thread-key';
import { ticketIdOfThreadRoot, ticketThreadRoot } from '../../../domain/messages/thread';

const TICKET = 'tkt_Qm9vZ2-xlLWhl_bG';
const ROOT = ticketThreadRoot(TICKET);
const OUTBOX_MAIL = '<0b7c9f3e-1d2a-4b5c-8d9e-0f1a2b3c4d5e@meridian>';

describe('threadKey', () => {
  it.each<[string, Parameters<typeof threadKey>[0], ThreadKey]>([
    ['a reply to the acknowledgement (In-Reply-To is the thread root)', { inReplyTo: ROOT, references: ROOT, subject: 'Re: We received your request' }, { kind: 'ticket', ticketId: TICKET }],
    [
      'a reply to a later mail of the ticket (the root is further back in References)',
      { inReplyTo: OUTBOX_MAIL, references: `<CA+earlier@mail.gmail.com> ${ROOT}\r\n ${OUTBOX_MAIL}`, subject: 'Re: Re: your refund' },
      { kind: 'ticket', ticketId: TICKET },
    ],
    ['a client that keeps only References', { references: ROOT, subject: 'AW: Ihre Anfrage' }, { kind: 'ticket', ticketId: TICKET }],
    [
      'thread headers win over a different code in the subject',
      { inReplyTo: ROOT, subject: 'Re: [MRD-0000-0000-0001] other ticket' },
      { kind: 'ticket', ticketId: TICKET },
    ],
    ['a fresh mail quoting the code as Meridian writes it', { subject: 'Still waiting [MRD-7K3Q-9XZP-4F2M]' }, { kind: 'query_code', queryCode: 'MRD-7K3Q-9XZP-4F2M' }],
    ['a code typed by hand (lower case, spaces, O for 0)', { subject: 'question about mrd 7k3q 9xzp 4f2m' }, { kind: 'query_code', queryCode: 'MRD-7K3Q-9XZP-4F2M' }],
    ['a reply in someone else’s thread with our code', { inReplyTo: '<CA+x@mail.gmail.com>', subject: 'Fwd: MRD7K3Q9XZP4F2M' }, { kind: 'query_code', queryCode: 'MRD-7K3Q-9XZP-4F2M' }],
    ['a new mail', { subject: 'My order never arrived' }, { kind: 'none' }],
    ['a bracketed tag that is not a code', { subject: '[URGENT] [ABCD-EFGH-JKMN] help' }, { kind: 'none' }],
    ['a code with a character too many', { subject: 'MRD-7K3Q-9XZP-4F2MX' }, { kind: 'none' }],
    ['a look-alike Message-ID on another domain', { inReplyTo: `<ticket.${TICKET}@meridian.evil.example>`, subject: 'Re: hi' }, { kind: 'none' }],
  ])('%s', (_name, mail, expected) => {
    expect(threadKey(mail)).toEqual(expected);
  });
});

describe('ticketIdOfThreadRoot', () => {
  it('reads back the ticket of every thread root and nothing else', () => {
    expect(ticketThreadRoot('tkt_1')).toBe('<ticket.tkt_1@meridian>'); // what every sent acknowledgement carries
    expect(ticketIdOfThreadRoot(ticketThreadRoot('tkt_abc-DEF_123'))).toBe('tkt_abc-DEF_123');
    expect(ticketIdOfThreadRoot(OUTBOX_MAIL)).toBeNull();
    expect(ticketIdOfThreadRoot('<ticket.a b@meridian>')).toBeNull();
    expect(ticketIdOfThreadRoot(`<ticket.${'x'.repeat(65)}@meridian>`)).toBeNull();
  });
});

describe('queryCodeInSubject', () => {
  it('takes the first valid code of several', () => {
    expect(queryCodeInSubject('Re: MRD-UUUU-UUUU-UUUU and [MRD-7K3Q-9XZP-4F2M]')).toBe('MRD-7K3Q-9XZP-4F2M');
  });
});
