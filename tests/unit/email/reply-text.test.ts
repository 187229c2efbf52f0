import { visibleReplyText } from '../../../services/email-in/reply-text';

const GMAIL_REPLY = [
  'Yes, please refund it to the card.',
  '',
  'On Tue, Nov 24, 2026 at 10:02 AM Meridian Support <',
  'support@meridian.example> wrote:',
  '',
  '> Hello Alice,',
  '>',
  '> Shall we refund the order to your card?',
  '>',
].join('\r\n');

const OUTLOOK_REPLY = [
  'Here is the screenshot you asked for.',
  '',
  'Sent from my iPhone',
  '',
  '-----Original Message-----',
  'From: Meridian Support <support@meridian.example>',
  'Sent: Tuesday, November 24, 2026 10:02 AM',
  'To: Bob <bob@contoso.com>',
  'Subject: We need information [MRD-7K3Q-9XZP-4F2M]',
  '',
  'Could you send a screenshot?',
].join('\n');

const SIGNED_REPLY = ['Thanks, that fixed it.', '', 'Best,', 'Carol', '-- ', 'Carol Smith', 'Fabrikam | +49 30 1234567', ''].join('\n');

const GERMAN_REPLY = [
  'Danke, das hat geholfen.',
  '',
  'Am Di., 24. Nov. 2026 um 10:02 Uhr schrieb Meridian Support <support@meridian.example>:',
  '> Guten Tag,',
  '> wir haben Ihre Anfrage erhalten.',
].join('\n');

describe('visibleReplyText', () => {
  it.each([
    ['a Gmail reply with its quote header folded over two lines', GMAIL_REPLY, 'Yes, please refund it to the card.'],
    ['an Outlook reply with "Sent from my iPhone" and the original message', OUTLOOK_REPLY, 'Here is the screenshot you asked for.'],
    ['a reply with a "-- " signature', SIGNED_REPLY, 'Thanks, that fixed it.\n\nBest,\nCarol'],
    ['a German reply ("Am … schrieb …:")', GERMAN_REPLY, 'Danke, das hat geholfen.'],
    ['a first message, nothing to strip', 'My order 1234 never arrived.\nCan you check?', 'My order 1234 never arrived.\nCan you check?'],
  ])('keeps only what the person wrote in %s', (_name, text, expected) => {
    expect(visibleReplyText(text)).toBe(expected);
  });

  it('keeps a message that is nothing but a quote, rather than saying nothing', () => {
    expect(visibleReplyText('> forwarded words\n> more words')).toBe('> forwarded words\n> more words');
  });

  it('strips the history of a long thread when the reply sits at the top', () => {
    const history = Array.from({ length: 3000 }, (_, i) => `> old line ${i}`).join('\n');
    const text = `New question about the refund.\n\nOn Mon, Nov 23, 2026 at 9:00 AM Support <s@example.org> wrote:\n${history}`;
    expect(text.length).toBeGreaterThan(32_000);
    expect(visibleReplyText(text)).toBe('New question about the refund.');
  });

  it('answers at once on input built to make its patterns backtrack, keeping the text whole', () => {
    const hostile = `On ${'a '.repeat(40_000)}`; // one 80 KB line: quadratic for the "On … wrote:" pattern
    const started = Date.now();
    expect(visibleReplyText(hostile)).toBe(hostile.trim());
    expect(Date.now() - started).toBeLessThan(500);
  });
});
