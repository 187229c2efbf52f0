/**
 * The LINE Messaging API push endpoint for tests: `POST /v2/bot/message/push` with the channel access token as Bearer,
 * `{ to, messages }` (1–5 text messages of ≤ 5000 UTF-16 units), every answer with `x-line-request-id`. With
 * `X-Line-Retry-Key` (a UUID) a push is carried out once: a repeat gets 409 and `x-line-accepted-request-id`. The
 * api-data host's content too: `GET /v2/bot/message/{messageId}/content` → the bytes, or 202 while LINE still prepares
 * them (video and audio), 404 for an unknown message.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { bearerOf, startFakeServer, utf16Length, type FakeAnswer, type FakeRequest, type FakeServer } from './fake-server';

export interface SentLinePush {
  to: string;
  texts: string[];
  retryKey?: string;
  requestId: string;
  messageIds: string[];
}

export interface FakeLine extends FakeServer {
  token: string;
  pushes: SentLinePush[];
  /** The next `n` pushes are carried out, then answered 500 (the message is out; the sender does not know). */
  acceptThenFailNext(n: number): void;
  /** What message `messageId` carried; the first `preparing` requests for it get 202 (still being prepared). */
  addContent(messageId: string, content: Buffer, contentType: string, preparing?: number): void;
}

export const lineError = (status: number, message: string, details?: Array<{ message: string; property: string }>): FakeAnswer => ({
  status,
  body: { message, ...(details ? { details } : {}) },
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function invalid(body: unknown): Array<{ message: string; property: string }> | null {
  if (!isObject(body)) return [{ message: 'must be specified', property: 'to' }];
  const problems: Array<{ message: string; property: string }> = [];
  if (typeof body.to !== 'string' || !body.to) problems.push({ message: 'must be specified', property: 'to' });
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > 5) return [...problems, { message: 'Size must be between 1 and 5', property: 'messages' }];
  messages.forEach((m: unknown, i) => {
    if (!isObject(m) || m.type !== 'text' || typeof m.text !== 'string' || !m.text) problems.push({ message: 'must be specified', property: `messages[${i}].text` });
    else if (utf16Length(m.text) > 5000) problems.push({ message: 'Length must be between 0 and 5000', property: `messages[${i}].text` });
  });
  return problems.length ? problems : null;
}

/** Starts the fake LINE push API for one channel. */
export async function startFakeLine(options: { token?: string } = {}): Promise<FakeLine> {
  const token = options.token ?? randomBytes(32).toString('base64');
  const pushes: SentLinePush[] = [];
  const accepted = new Map<string, string>(); // retry key → request id that carried it out
  let failAfterAccept = 0;

  const contents = new Map<string, { content: Buffer; contentType: string; preparing: number }>();

  function contentRoute(req: FakeRequest): FakeAnswer | null {
    const match = /^\/v2\/bot\/message\/([^/]+)\/content$/.exec(req.path);
    if (req.method !== 'GET' || !match) return null;
    const stored = contents.get(match[1]!);
    if (!stored) return lineError(404, 'Not found');
    if (stored.preparing > 0) {
      stored.preparing -= 1;
      return { status: 202, body: {} };
    }
    return { status: 200, raw: stored.content, headers: { 'Content-Type': stored.contentType } };
  }

  function route(req: FakeRequest): FakeAnswer | null {
    const asContent = contentRoute(req);
    if (asContent) return asContent;
    if (req.method !== 'POST' || req.path !== '/v2/bot/message/push') return null;
    const requestId = randomUUID();
    const headers = { 'x-line-request-id': requestId };
    const retryKey = req.headers['x-line-retry-key'];
    if (retryKey !== undefined && (typeof retryKey !== 'string' || !UUID.test(retryKey))) return { ...lineError(400, 'The value of the X-Line-Retry-Key header is invalid'), headers };
    const earlier = typeof retryKey === 'string' ? accepted.get(retryKey.toLowerCase()) : undefined;
    if (earlier) return { ...lineError(409, 'The retry key is already accepted'), headers: { ...headers, 'x-line-accepted-request-id': earlier } };
    const problems = invalid(req.body);
    if (problems) return { ...lineError(400, 'The request body has 1 error(s)', problems), headers };
    const body = req.body as { to: string; messages: Array<{ text: string }> };
    const messageIds = body.messages.map(() => String(BigInt(Date.now()) * 1000n + BigInt(pushes.length)) + String(randomBytes(2).readUInt16BE(0)));
    pushes.push({ to: body.to, texts: body.messages.map((m) => m.text), ...(typeof retryKey === 'string' ? { retryKey } : {}), requestId, messageIds });
    if (typeof retryKey === 'string') accepted.set(retryKey.toLowerCase(), requestId);
    if (failAfterAccept > 0) {
      failAfterAccept -= 1;
      return { ...lineError(500, 'Internal server error'), headers };
    }
    return { status: 200, body: { sentMessages: messageIds.map((id) => ({ id, quoteToken: randomBytes(12).toString('base64url') })) }, headers };
  }

  const server = await startFakeServer({
    authorize: (req) => bearerOf(req) === token,
    unauthorized: () => lineError(401, 'Authentication failed. Confirm that the access token in the authorization header is valid.'),
    route,
    notFound: () => lineError(404, 'Not found'),
  });
  return {
    ...server,
    token,
    pushes,
    acceptThenFailNext: (n) => (failAfterAccept += n),
    addContent: (messageId, content, contentType, preparing = 0) => void contents.set(messageId, { content, contentType, preparing }),
  };
}
