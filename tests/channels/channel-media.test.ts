/**
 * Media customers send on messaging channels, fetched on the real stack from fake platforms that speak each API: the
 * content kept once per SHA-256 and listed on the message as e-mail attachments are; what cannot or may not be fetched
 * (a host off the allowlist, a private address, a redirect elsewhere, an expired URL, a file over the limit, content
 * that is not what Meta's sha256 says) listed with why, nothing of it kept, and the message still on its ticket.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { InboundAttachment } from '../../domain/email/inbound-email';
import { InboundAttachmentModel } from '../../models/inbound-attachment.model';
import { startFakeLine, type FakeLine } from '../support/fake-channels/fake-line';
import { startFakeMetaCdn, type FakeMetaCdn } from '../support/fake-channels/fake-meta-cdn';
import { startFakeServer, type FakeServer } from '../support/fake-channels/fake-server';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-channels/fake-telegram';
import { startFakeWhatsApp, type FakeWhatsApp } from '../support/fake-channels/fake-whatsapp';
import { IG_ACCOUNT_ID, metaMessageEvent, metaMessaging, PAGE_ID, PHONE_NUMBER_ID, whatsAppMessage, whatsAppText } from '../support/fake-channels/meta-deliveries';
import { signedLineDelivery, signedMetaDelivery, telegramDelivery } from '../support/fake-channels/signing';
import { LINE_DESTINATION, lineDelivery, lineImage, lineMessageEvent, telegramDocument, telegramMessage } from '../support/fake-channels/telegram-line-deliveries';
import { startHarness, type Harness } from '../support/harness';
import { ticketWhen } from '../support/tickets';
import { deliver, putChannel, routed, SECRETS } from './channel-support';

const MB = 1024 * 1024;
const jpeg = (size = 3000) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const nowS = () => Math.floor(Date.now() / 1000);
const hostOf = (url: string) => new URL(url).host;
const gets = (server: FakeServer) => server.requests.filter((r) => r.method === 'GET');

describe('media from messaging channels (real stack, fake platforms)', () => {
  let h: Harness;
  let wa: FakeWhatsApp;
  let tg: FakeTelegram;
  let line: FakeLine;
  let cdn: FakeMetaCdn;
  let elsewhere: FakeServer; // a local service that is not on the allowlist

  beforeAll(async () => {
    wa = await startFakeWhatsApp({ token: SECRETS.whatsapp.accessToken, phoneNumberId: PHONE_NUMBER_ID });
    tg = await startFakeTelegram({ token: SECRETS.telegram.botToken });
    line = await startFakeLine({ token: SECRETS.line.channelAccessToken });
    cdn = await startFakeMetaCdn();
    elsewhere = await startFakeServer({ authorize: () => true, unauthorized: () => ({ status: 401 }), route: () => ({ status: 200, body: { secret: 'internal' } }), notFound: () => ({ status: 404 }) });
    const env = {
      CHANNEL_MEDIA_ALLOWED_HOSTS: [wa, tg, line, cdn].map((s) => hostOf(s.url)).join(','),
      CHANNEL_MEDIA_ALLOW_HTTP: 'true',
      CHANNEL_MEDIA_MAX_MB: '1',
      CHANNEL_MEDIA_RETRY_SECONDS: '0.1',
    };
    h = await startHarness({ env });
    await putChannel(h, 'wa-media', { kind: 'whatsapp', accountId: PHONE_NUMBER_ID, secrets: SECRETS.whatsapp, apiBaseUrl: wa.url }).expect(201);
    await putChannel(h, 'tg-media', { kind: 'telegram', accountId: '7000000001', secrets: SECRETS.telegram, apiBaseUrl: tg.url }).expect(201);
    await putChannel(h, 'line-media', { kind: 'line', accountId: LINE_DESTINATION, secrets: SECRETS.line, apiBaseUrl: line.url }).expect(201);
    await putChannel(h, 'fb-media', { kind: 'messenger', accountId: PAGE_ID, secrets: SECRETS.messenger }).expect(201);
    await putChannel(h, 'ig-media', { kind: 'instagram', accountId: IG_ACCOUNT_ID, secrets: SECRETS.instagram }).expect(201);
  });
  afterAll(async () => {
    await h?.stop();
    for (const s of [wa, tg, line, cdn, elsewhere]) await s?.stop();
  });

  it('WhatsApp: an image is fetched with the token, checked against Meta’s sha256, kept once and listed; a redelivery fetches nothing again', async () => {
    const customer = { waId: '6281234500001', name: 'Dewi' };
    const photo = jpeg();
    const image = (mediaId: string) => ({ id: mediaId, mime_type: 'image/jpeg', sha256: createHash('sha256').update(photo).digest('base64'), caption: 'the dent on the box' });
    const first = signedMetaDelivery(whatsAppMessage(customer, 'wamid.media-1', nowS(), 'image', image(wa.addMedia(photo, 'image/jpeg'))), SECRETS.whatsapp.appSecret);
    await Promise.all([deliver(h, 'wa-media', first).expect(200), deliver(h, 'wa-media', first).expect(200)]);

    const message = await routed('wa-media', 'wamid.media-1');
    expect(message.attachments).toEqual<InboundAttachment[]>([
      { filename: 'image-1.jpg', contentType: 'image/jpeg', size: photo.length, sha256: sha256(photo), inline: false, mediaType: 'image', caption: 'the dent on the box' },
    ]);
    const kept = await InboundAttachmentModel.findById(sha256(photo)).lean();
    expect(Buffer.from(kept!.data.buffer).equals(photo)).toBe(true);
    expect(gets(wa).map((r) => [r.path.replace(/\d{10,}/, '{id}'), r.authorized])).toEqual([
      ['/v23.0/{id}', true],
      ['/whatsapp_business/attachments/', true],
    ]);
    const ticket = await ticketWhen(message.ticketId!, (t) => t.status === 'assigned');
    expect(ticket).toMatchObject({ subject: 'WhatsApp message', description: '[image: the dent on the box]' });

    // Delivered again after it was routed, then the same photo in a new message: the content is kept once.
    expect((await deliver(h, 'wa-media', first).expect(200)).body).toMatchObject({ stored: 0, duplicates: 1 });
    await deliver(h, 'wa-media', signedMetaDelivery(whatsAppMessage(customer, 'wamid.media-2', nowS(), 'image', image(wa.addMedia(photo, 'image/jpeg'))), SECRETS.whatsapp.appSecret)).expect(200);
    expect((await routed('wa-media', 'wamid.media-2')).attachments?.map((a) => a.sha256)).toEqual([sha256(photo)]);
    expect(gets(wa)).toHaveLength(4); // two for each message, none for the redelivery
    expect(await InboundAttachmentModel.countDocuments({ _id: sha256(photo) })).toBe(1);
  });

  it('WhatsApp: a file over the limit and content that is not what Meta’s sha256 says are listed, nothing of them kept', async () => {
    const customer = { waId: '6281234500002', name: 'Rina' };
    const video = randomBytes(Math.round(1.5 * MB));
    const tampered = jpeg();
    const videoId = wa.addMedia(video, 'video/mp4');
    const tamperedId = wa.addMedia(tampered, 'image/jpeg', { sha256: sha256(Buffer.from('what Meta had')) });
    const before = gets(wa).length;
    await deliver(h, 'wa-media', signedMetaDelivery(whatsAppMessage(customer, 'wamid.big', nowS(), 'video', { id: videoId, mime_type: 'video/mp4' }), SECRETS.whatsapp.appSecret)).expect(200);
    await deliver(h, 'wa-media', signedMetaDelivery(whatsAppMessage(customer, 'wamid.tampered', nowS(), 'image', { id: tamperedId, mime_type: 'image/jpeg' }), SECRETS.whatsapp.appSecret)).expect(200);

    const big = await routed('wa-media', 'wamid.big');
    expect(big.attachments).toEqual([{ filename: 'video-1.mp4', contentType: 'video/mp4', size: 0, sha256: '', inline: false, mediaType: 'video', skipped: 'too_large' }]);
    const wrong = await routed('wa-media', 'wamid.tampered');
    expect(wrong.attachments).toMatchObject([{ mediaType: 'image', skipped: 'checksum_mismatch', sha256: '' }]);
    expect(await InboundAttachmentModel.countDocuments({ _id: { $in: [sha256(video), sha256(tampered)] } })).toBe(0);
    // Meta declared the video's size: it was never downloaded. The tampered image was tried five times, then given up.
    const paths = gets(wa).slice(before).map((r) => r.path);
    expect(paths.filter((p) => p === '/whatsapp_business/attachments/')).toHaveLength(5);
    expect(wrong.ticketId).toBe(big.ticketId); // both reached the customer's ticket all the same
  });

  it('Telegram: a document is fetched through getFile and kept with its name and type', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5000)]);
    tg.addFile('BQACAgQAAxkBAAIBdoc', pdf, 'documents/file_7.pdf');
    const update = telegramMessage(200001, { id: 912300001, firstName: 'Somchai' }, 41, nowS(), { ...telegramDocument(), caption: 'my receipt' });
    await deliver(h, 'tg-media', telegramDelivery(update, SECRETS.telegram.secretToken)).expect(200);

    const message = await routed('tg-media', '912300001:41');
    expect(message.attachments).toEqual([{ filename: 'receipt.pdf', contentType: 'application/pdf', size: pdf.length, sha256: sha256(pdf), inline: false, mediaType: 'document', caption: 'my receipt' }]);
    expect(gets(tg).map((r) => [r.path.replace(SECRETS.telegram.botToken, '<token>'), r.status])).toEqual([
      ['/bot<token>/getFile', 200],
      ['/file/bot<token>/documents/file_7.pdf', 200],
    ]);
    expect(await InboundAttachmentModel.countDocuments({ _id: sha256(pdf) })).toBe(1);
  });

  it('LINE: an image still being prepared (202) is fetched again and kept', async () => {
    const photo = jpeg();
    line.addContent('480011223344', photo, 'image/jpeg', 1);
    const event = lineMessageEvent({ userId: 'U0000000000000000000000000000e1a1', timestampMs: Date.now(), webhookEventId: '01JMEDIA0000000000000000A1' }, lineImage('480011223344'));
    await deliver(h, 'line-media', signedLineDelivery(lineDelivery([event]), SECRETS.line.channelSecret)).expect(200);

    const message = await routed('line-media', '480011223344');
    expect(message.attachments).toEqual([{ filename: 'image-1.jpg', contentType: 'image/jpeg', size: photo.length, sha256: sha256(photo), inline: false, mediaType: 'image' }]);
    expect(gets(line).map((r) => [r.path, r.status, r.authorized])).toEqual([
      ['/v2/bot/message/480011223344/content', 202, true],
      ['/v2/bot/message/480011223344/content', 200, true],
    ]);
  });

  it('Messenger: attachment URLs on the allowlist are fetched; others (metadata address, another local port, a redirect there) never are', async () => {
    const photo = jpeg();
    const large = randomBytes(Math.round(1.5 * MB));
    const urls = [
      cdn.addFile(photo, 'image/jpeg'),
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
      `${elsewhere.url}/internal/admin`,
      cdn.addRedirect(`${elsewhere.url}/internal/admin`),
      cdn.addFile(jpeg(), 'image/jpeg', { expired: true }),
      cdn.addFile(large, 'image/jpeg', { chunked: true }),
    ];
    const event = metaMessageEvent('24680135700000001', PAGE_ID, Date.now(), { mid: 'm_media-1', attachments: urls.map((url) => ({ type: 'image', payload: { url } })) });
    await deliver(h, 'fb-media', signedMetaDelivery(metaMessaging('page', [event]), SECRETS.messenger.appSecret)).expect(200);

    const message = await routed('fb-media', 'm_media-1');
    expect(message.attachments?.map((a) => [a.filename, a.skipped ?? a.sha256])).toEqual([
      ['image-1.jpg', sha256(photo)],
      ['image-2', 'refused'],
      ['image-3', 'refused'],
      ['image-4', 'refused'],
      ['image-5', 'not_found'],
      ['image-6', 'too_large'],
    ]);
    expect(elsewhere.requests).toEqual([]);
    expect(gets(cdn).map((r) => r.status)).toEqual([200, 302, 403, 200]); // the large one was cut off while read
    expect(await InboundAttachmentModel.countDocuments({ _id: sha256(large) })).toBe(0);
    const ticket = await ticketWhen(message.ticketId!, (t) => t.status === 'assigned');
    expect(ticket.description).toBe(Array.from({ length: 6 }, () => '[image]').join('\n'));
  });

  it('Messenger: past ten media in one message, the rest are listed as too many and not fetched', async () => {
    const photo = jpeg();
    const before = gets(cdn).length;
    const attachments = Array.from({ length: 12 }, () => ({ type: 'image', payload: { url: cdn.addFile(photo, 'image/jpeg') } }));
    const event = metaMessageEvent('24680135700000002', PAGE_ID, Date.now(), { mid: 'm_media-many', attachments });
    await deliver(h, 'fb-media', signedMetaDelivery(metaMessaging('page', [event]), SECRETS.messenger.appSecret)).expect(200);
    const listed = (await routed('fb-media', 'm_media-many')).attachments ?? [];
    expect(listed.map((a) => a.skipped ?? a.sha256)).toEqual([...Array.from({ length: 10 }, () => sha256(photo)), 'too_many', 'too_many']);
    expect(gets(cdn).length - before).toBe(10);
  });

  it('Instagram media and LINE content held by another provider come only from allowed hosts', async () => {
    const photo = jpeg();
    const ig = metaMessageEvent('5512345600000001', IG_ACCOUNT_ID, Date.now(), { mid: 'aWdfig-media-1', text: 'this one', attachments: [{ type: 'image', payload: { url: cdn.addFile(photo, 'image/jpeg; charset=binary') } }] });
    await deliver(h, 'ig-media', signedMetaDelivery(metaMessaging('instagram', [ig]), SECRETS.instagram.appSecret)).expect(200);
    expect((await routed('ig-media', 'aWdfig-media-1')).attachments).toEqual([{ filename: 'image-1.jpg', contentType: 'image/jpeg', size: photo.length, sha256: sha256(photo), inline: false, mediaType: 'image' }]);

    const external = { type: 'image', id: '480099887766', contentProvider: { type: 'external', originalContentUrl: `${elsewhere.url}/photo.jpg`, previewImageUrl: `${elsewhere.url}/p.jpg` } };
    const event = lineMessageEvent({ userId: 'U0000000000000000000000000000e1a2', timestampMs: Date.now(), webhookEventId: '01JMEDIA0000000000000000A2' }, external);
    await deliver(h, 'line-media', signedLineDelivery(lineDelivery([event]), SECRETS.line.channelSecret)).expect(200);
    expect((await routed('line-media', '480099887766')).attachments).toMatchObject([{ mediaType: 'image', skipped: 'refused' }]);
    expect(elsewhere.requests).toEqual([]);
    expect(gets(line).filter((r) => r.path.includes('480099887766'))).toEqual([]); // not asked of LINE either
  });

  it('a text message of a conversation is routed as before, with nothing listed', async () => {
    await deliver(h, 'wa-media', signedMetaDelivery(whatsAppText({ waId: '6281234500003', name: 'Ayu' }, 'wamid.text', nowS(), 'Just text'), SECRETS.whatsapp.appSecret)).expect(200);
    expect((await routed('wa-media', 'wamid.text')).attachments).toBeUndefined();
  });
});
