/** The OpenAPI entries of the channel webhooks (public routes: the platform's signature is the authentication). */
import { z } from 'zod';
import { registerRoute } from '../openapi/registry';

const ParamsSchema = z.strictObject({ channelId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/).describe('The channel id ops gave it') });
const SignatureHeadersSchema = z.object({
  'x-hub-signature-256': z.string().optional().describe('WhatsApp, Messenger, Instagram: sha256=<hex HMAC-SHA256 of the raw body with the app secret>'),
  'x-telegram-bot-api-secret-token': z.string().optional().describe('Telegram: the secret_token given to setWebhook'),
  'x-line-signature': z.string().optional().describe('LINE: base64 HMAC-SHA256 of the raw body with the channel secret'),
});
const HandshakeQuerySchema = z.object({
  'hub.mode': z.string().optional(),
  'hub.verify_token': z.string().optional(),
  'hub.challenge': z.string().optional(),
});

export function registerWebhookDocs(): void {
  registerRoute({
    method: 'get',
    path: '/api/channels/{channelId}/webhook',
    summary: 'Meta’s webhook subscription handshake (WhatsApp, Messenger, Instagram): echoes hub.challenge when hub.verify_token is the channel’s',
    tags: ['channels'],
    auth: 'public',
    params: ParamsSchema,
    query: HandshakeQuerySchema,
    responses: {
      200: { description: 'The challenge, as text', schema: z.string(), contentType: 'text/plain' },
      403: { description: 'Not a subscribe request, or the verify token does not match' },
      404: { description: 'No such (enabled) channel, or one without a handshake (CHANNEL_NOT_FOUND)' },
    },
  });
  registerRoute({
    method: 'post',
    path: '/api/channels/{channelId}/webhook',
    summary: 'A platform’s webhook delivery: verified over the raw body, each message stored once and routed to a ticket',
    tags: ['channels'],
    auth: 'public',
    params: ParamsSchema,
    headers: SignatureHeadersSchema,
    body: z.looseObject({}).describe('The platform’s own payload (WhatsApp, Messenger/Instagram, Telegram Update, LINE events)'),
    responses: {
      200: { description: 'Stored (a repeated delivery stores nothing again)', schema: z.object({ messages: z.number().int(), stored: z.number().int(), duplicates: z.number().int(), receipts: z.number().int().describe('Sends of ours whose delivery status moved') }) },
      401: { description: 'Missing or forged signature (SIGNATURE_INVALID): nothing is stored' },
      404: { description: 'No such (enabled) channel, or a web chat channel, which takes no webhook (CHANNEL_NOT_FOUND)' },
      413: { description: 'Delivery larger than 1 MB' },
      422: { description: 'Signed, but not the platform’s documented shape (WEBHOOK_PAYLOAD_INVALID, a pointer per problem)' },
    },
  });
}
