import { parseWhatsAppDelivery } from '../../../domain/channels/whatsapp.webhook';
import { jsonOfRawBody } from '../../../domain/channels/webhook-parse';
import { signedMetaDelivery } from '../../support/fake-channels/signing';
import {
  PHONE_NUMBER_ID,
  whatsAppImage,
  whatsAppLocation,
  whatsAppMessage,
  whatsAppStatus,
  whatsAppTemplateStatus,
  whatsAppText,
} from '../../support/fake-channels/meta-deliveries';

const LEE = { waId: '60173526233', name: 'Lee Jen Ling' };
const T = 1694427240;

/** The payload's first change value, loosely typed, to break it on purpose. */
type Loose = { entry: Array<{ changes: Array<{ value: Record<string, Array<Record<string, unknown>>> }> }> };
const firstValue = (payload: unknown) => (payload as Loose).entry[0]!.changes[0]!.value;

/** Parses the payload from the exact bytes Meta would send, as the webhook route will. */
function parseSent(payload: unknown) {
  const body = jsonOfRawBody(signedMetaDelivery(payload, 'secret').raw);
  if (!body.ok) throw new Error(body.issue.message);
  return parseWhatsAppDelivery(body.json);
}

describe('WhatsApp webhook deliveries', () => {
  it("turns a customer's text into a message with their wa_id, phone and profile name", () => {
    expect(parseSent(whatsAppText(LEE, 'wamid.HBgLNjAx', T, 'Hai, pesanan saya belum sampai 📦'))).toEqual({
      ok: true,
      items: [
        {
          kind: 'message',
          channel: 'whatsapp',
          accountId: PHONE_NUMBER_ID,
          platformMessageId: 'wamid.HBgLNjAx',
          from: { platformUserId: '60173526233', phone: '+60173526233', name: 'Lee Jen Ling' },
          text: 'Hai, pesanan saya belum sampai 📦',
          atMs: T * 1000,
        },
      ],
    });
  });

  it('keeps a photo as media to fetch by its id, with its caption and type', () => {
    const result = parseSent(whatsAppImage(LEE, 'wamid.IMG', T, 'the broken box'));
    expect(result).toMatchObject({
      ok: true,
      items: [{ kind: 'message', platformMessageId: 'wamid.IMG', media: [{ type: 'image', platformMediaId: '1479537139650973', mimeType: 'image/jpeg', caption: 'the broken box' }] }],
    });
    expect(result.ok && result.items[0]).not.toHaveProperty('text');
  });

  it('keeps a shared location with its name and address', () => {
    expect(parseSent(whatsAppLocation(LEE, 'wamid.LOC', T))).toMatchObject({
      ok: true,
      items: [{ platformMessageId: 'wamid.LOC', location: { lat: 3.139, lng: 101.6869, name: 'KLCC', address: 'Kuala Lumpur City Centre' } }],
    });
  });

  it('notes which of our messages a reply quotes, and takes a template button press as its text', () => {
    const reply = whatsAppMessage(LEE, 'wamid.R', T, 'text', { body: 'yes' }, { context: { from: '15550984277', id: 'wamid.OURS' } });
    expect(parseSent(reply)).toMatchObject({ ok: true, items: [{ text: 'yes', replyToPlatformMessageId: 'wamid.OURS' }] });
    expect(parseSent(whatsAppMessage(LEE, 'wamid.B', T, 'button', { text: 'Talk to an agent', payload: 'AGENT' }))).toMatchObject({ ok: true, items: [{ text: 'Talk to an agent' }] });
  });

  it.each(['sent', 'delivered', 'read'] as const)('reports a %s receipt of our message', (status) => {
    expect(parseSent(whatsAppStatus('wamid.OURS', status, T + 5, LEE.waId))).toEqual({
      ok: true,
      items: [{ kind: 'status', channel: 'whatsapp', accountId: PHONE_NUMBER_ID, platformMessageId: 'wamid.OURS', status, recipientId: LEE.waId, atMs: (T + 5) * 1000 }],
    });
  });

  it("reports a failed send with Meta's error code and title", () => {
    expect(parseSent(whatsAppStatus('wamid.OURS', 'failed', T, LEE.waId))).toMatchObject({
      ok: true,
      items: [{ kind: 'status', status: 'failed', error: { code: '131047', title: 'Re-engagement message' } }],
    });
  });

  it('skips what is not a customer message or a receipt: reactions, other fields, unknown statuses', () => {
    expect(parseSent(whatsAppMessage(LEE, 'wamid.X', T, 'reaction', { message_id: 'wamid.OURS', emoji: '👍' }))).toEqual({ ok: true, items: [] });
    expect(parseSent(whatsAppTemplateStatus())).toEqual({ ok: true, items: [] });
    const deleted = whatsAppStatus('wamid.OURS', 'read', T, LEE.waId);
    firstValue(deleted).statuses![0]!.status = 'deleted';
    expect(parseSent(deleted)).toEqual({ ok: true, items: [] });
  });

  it('refuses a payload of the wrong shape with the JSON pointer of each problem', () => {
    const broken = whatsAppText(LEE, 'wamid.BAD', T, 'hi');
    const message = firstValue(broken).messages![0]!;
    message.timestamp = 'yesterday';
    delete message.id;
    const result = parseWhatsAppDelivery(broken);
    expect(result).toMatchObject({ ok: false, code: 'WEBHOOK_PAYLOAD_INVALID', channel: 'whatsapp' });
    expect(!result.ok && result.issues.map((i) => i.pointer).sort()).toEqual(['/entry/0/changes/0/value/messages/0/id', '/entry/0/changes/0/value/messages/0/timestamp']);
  });

  it('refuses a delivery of another Meta object, and a body that is not JSON', () => {
    expect(parseWhatsAppDelivery({ object: 'page', entry: [] })).toMatchObject({ ok: false, issues: [{ pointer: '/object' }] });
    expect(jsonOfRawBody(Buffer.from('{"object":'))).toMatchObject({ ok: false, issue: { pointer: '' } });
    expect(jsonOfRawBody(Buffer.from([0x7b, 0xff, 0x7d]))).toMatchObject({ ok: false });
  });
});
