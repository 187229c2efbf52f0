/**
 * The Messenger Platform Send API for tests, as Messenger or as Instagram messaging: `POST /{version}/{pageId|me}/messages`
 * with the page token as Bearer, `{ recipient: { id }, messaging_type, message: { text }, tag? }`, answering
 * `{ recipient_id, message_id }` or Graph's error shape. Text limits: Messenger 2000 characters, Instagram 1000 UTF-8 bytes.
 */
import { randomBytes } from 'node:crypto';
import { bearerOf, startFakeServer, type FakeAnswer, type FakeRequest, type FakeServer } from './fake-server';
import { graphError } from './fake-whatsapp';

export interface SentMetaMessage {
  pageId: string;
  recipientId: string;
  messagingType: string;
  tag?: string;
  text: string;
  mid: string;
}

export interface FakeMetaMessaging extends FakeServer {
  token: string;
  pageId: string;
  apiVersion: string;
  sent: SentMetaMessage[];
  /** RESPONSE/UPDATE messages to this customer get 10/2018278 (outside the 24-hour window); HUMAN_AGENT still goes. */
  closeWindow(recipientId: string): void;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function invalid(body: unknown, channel: 'messenger' | 'instagram'): string | null {
  if (!isObject(body)) return 'body must be a JSON object';
  if (!isObject(body.recipient) || typeof body.recipient.id !== 'string') return 'param recipient[id] must be a string';
  if (!['RESPONSE', 'UPDATE', 'MESSAGE_TAG'].includes(String(body.messaging_type))) return 'param messaging_type is invalid';
  if ((body.messaging_type === 'MESSAGE_TAG') !== (typeof body.tag === 'string')) return 'param tag goes with messaging_type MESSAGE_TAG';
  if (!isObject(body.message) || typeof body.message.text !== 'string' || !body.message.text) return 'param message[text] must be a non-empty UTF-8 encoded string';
  const size = channel === 'instagram' ? Buffer.byteLength(body.message.text, 'utf8') : body.message.text.length;
  if (size > (channel === 'instagram' ? 1000 : 2000)) return 'param message[text] is too long';
  return null;
}

/** Starts the fake Send API for one page (Messenger) or one Instagram account. */
export async function startFakeMetaMessaging(channel: 'messenger' | 'instagram', options: { token?: string; pageId?: string; apiVersion?: string } = {}): Promise<FakeMetaMessaging> {
  const token = options.token ?? `EAAB${randomBytes(24).toString('hex')}`;
  const pageId = options.pageId ?? '104857600000001';
  const apiVersion = options.apiVersion ?? 'v23.0';
  const sent: SentMetaMessage[] = [];
  const closed = new Set<string>();

  function route(req: FakeRequest): FakeAnswer | null {
    const match = /^\/(v\d+\.\d+)\/([^/]+)\/messages$/.exec(req.path);
    if (req.method !== 'POST' || !match) return null;
    if (match[2] !== 'me' && match[2] !== pageId) return graphError(403, 200, '(#200) The page is not the one of this access token');
    const problem = invalid(req.body, channel);
    if (problem) return graphError(400, 100, `(#100) ${problem}`);
    const body = req.body as { recipient: { id: string }; messaging_type: string; tag?: string; message: { text: string } };
    if (closed.has(body.recipient.id) && body.tag !== 'HUMAN_AGENT') {
      return { status: 400, body: { error: { message: '(#10) This message is sent outside of allowed window.', type: 'OAuthException', code: 10, error_subcode: 2018278, fbtrace_id: 'AfakeTrace' } } };
    }
    const mid = `m_${randomBytes(24).toString('base64url')}`;
    sent.push({ pageId, recipientId: body.recipient.id, messagingType: body.messaging_type, ...(body.tag ? { tag: body.tag } : {}), text: body.message.text, mid });
    return { status: 200, body: { recipient_id: body.recipient.id, message_id: mid } };
  }

  const server = await startFakeServer({
    authorize: (req) => bearerOf(req) === token,
    unauthorized: () => graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token'),
    route,
    notFound: () => graphError(400, 100, 'Unknown path components'),
  });
  return { ...server, token, pageId, apiVersion, sent, closeWindow: (id) => closed.add(id) };
}
