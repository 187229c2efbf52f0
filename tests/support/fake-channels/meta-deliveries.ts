/**
 * Webhook payloads of WhatsApp (Cloud API sample payloads), Messenger and Instagram (developers.facebook.com webhook
 * event references), for the parsers and, signed with signedMetaDelivery, for the webhook routes.
 */

export const WABA_ID = '122951744235903';
export const PHONE_NUMBER_ID = '114896151713920';
export const PAGE_ID = '104857600000001';
export const IG_ACCOUNT_ID = '17841400000000001';

function whatsAppChange(value: Record<string, unknown>, field = 'messages') {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: WABA_ID, changes: [{ field, value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550984277', phone_number_id: PHONE_NUMBER_ID }, ...value } }] }],
  };
}

export interface WaCustomer {
  waId: string;
  name: string;
}

/** A customer's WhatsApp message of `type` with its typed object (`{ body }` for text, `{ id, mime_type … }` for media). */
export function whatsAppMessage(customer: WaCustomer, id: string, timestampS: number, type: string, content: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return whatsAppChange({
    contacts: [{ profile: { name: customer.name }, wa_id: customer.waId }],
    messages: [{ from: customer.waId, id, timestamp: String(timestampS), type, [type]: content, ...extra }],
  });
}

export const whatsAppText = (c: WaCustomer, id: string, timestampS: number, body: string) => whatsAppMessage(c, id, timestampS, 'text', { body });

export const whatsAppImage = (c: WaCustomer, id: string, timestampS: number, caption: string) =>
  whatsAppMessage(c, id, timestampS, 'image', { id: '1479537139650973', mime_type: 'image/jpeg', sha256: 'HgUzKtOrTnE0LbcOa1LzPnUbf5ShfJWQq9r2hJDCDo8=', caption });

export const whatsAppLocation = (c: WaCustomer, id: string, timestampS: number) =>
  whatsAppMessage(c, id, timestampS, 'location', { latitude: 3.1390, longitude: 101.6869, name: 'KLCC', address: 'Kuala Lumpur City Centre' });

/** A receipt of one of our messages; `failed` carries Meta's error (131047: the service window is closed). */
export function whatsAppStatus(wamid: string, status: 'sent' | 'delivered' | 'read' | 'failed', timestampS: number, recipient: string) {
  return whatsAppChange({
    statuses: [
      {
        id: wamid,
        status,
        timestamp: String(timestampS),
        recipient_id: recipient,
        ...(status === 'failed'
          ? { errors: [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: 'More than 24 hours have passed' } }] }
          : { conversation: { id: 'f5fdae3920125a39a1e6a23e5f877c16', origin: { type: 'service' } }, pricing: { billable: true, pricing_model: 'CBP', category: 'service' } }),
      },
    ],
  });
}

/** A change of another field (template status): nothing for the inbox. */
export const whatsAppTemplateStatus = () => ({
  object: 'whatsapp_business_account',
  entry: [{ id: WABA_ID, changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED', message_template_id: 1234, message_template_name: 'ticket_update', message_template_language: 'en_US', reason: 'NONE' } }] }],
});

/** Messenger (`page`) or Instagram (`instagram`) delivery of `events` in one entry. */
export function metaMessaging(object: 'page' | 'instagram', events: Array<Record<string, unknown>>, timeMs = 1_700_000_000_500) {
  return { object, entry: [{ id: object === 'page' ? PAGE_ID : IG_ACCOUNT_ID, time: timeMs, messaging: events }] };
}

export const metaMessageEvent = (senderId: string, recipientId: string, timestampMs: number, message: Record<string, unknown>) => ({
  sender: { id: senderId },
  recipient: { id: recipientId },
  timestamp: timestampMs,
  message,
});

export const messengerDelivery = (psid: string, mids: string[] | undefined, watermark: number) => ({
  sender: { id: psid },
  recipient: { id: PAGE_ID },
  delivery: { ...(mids ? { mids } : {}), watermark },
});

export const messengerRead = (psid: string, timestampMs: number, watermark: number) => ({
  sender: { id: psid },
  recipient: { id: PAGE_ID },
  timestamp: timestampMs,
  read: { watermark },
});

export const instagramSeen = (igsid: string, timestampMs: number, mid: string) => ({
  sender: { id: igsid },
  recipient: { id: IG_ACCOUNT_ID },
  timestamp: timestampMs,
  read: { mid },
});
