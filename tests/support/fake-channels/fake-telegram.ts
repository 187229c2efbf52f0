/**
 * The Telegram Bot API for tests: `POST /bot<token>/sendMessage` (the token is in the path; no auth header), answering
 * `{ ok: true, result: Message }` or `{ ok: false, error_code, description, parameters? }` with the same HTTP status,
 * flood control as 429 with `parameters.retry_after`, and users who blocked the bot (403). Files as the Bot API hands
 * them out: `GET /bot<token>/getFile?file_id=…` → `{ ok, result: { file_id, file_unique_id, file_size, file_path } }`
 * (400 "file is too big" over 20 MB), then `GET /file/bot<token>/<file_path>`.
 */
import { randomBytes } from 'node:crypto';
import { startFakeServer, utf16Length, type FakeAnswer, type FakeRequest, type FakeServer } from './fake-server';

export interface SentTelegram {
  chatId: number;
  text: string;
  replyTo?: number;
  messageId: number;
}

export interface FakeTelegram extends FakeServer {
  token: string;
  sent: SentTelegram[];
  /** Sends to this chat get 403 "Forbidden: bot was blocked by the user". */
  blockedBy(chatId: number): void;
  /** The next `n` requests hit flood control: 429 with `parameters.retry_after = retryAfterS`. */
  floodNext(n: number, retryAfterS: number): void;
  /** A file a customer sent, under `fileId`, kept at `filePath` (e.g. `documents/file_3.pdf`). */
  addFile(fileId: string, content: Buffer, filePath: string): void;
}

const BOT_API_FILE_LIMIT = 20 * 1024 * 1024;

export const telegramError = (status: number, description: string, parameters?: Record<string, unknown>): FakeAnswer => ({
  status,
  body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
});

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Starts the fake Bot API for one bot (token `<id>:<secret>`, as BotFather issues them). */
export async function startFakeTelegram(options: { token?: string } = {}): Promise<FakeTelegram> {
  const token = options.token ?? `7${randomBytes(4).readUInt32BE(0)}:AA${randomBytes(24).toString('base64url')}`;
  const sent: SentTelegram[] = [];
  const blocked = new Set<number>();
  let nextMessageId = 1000;

  const files = new Map<string, { content: Buffer; filePath: string }>();

  function fileRoute(req: FakeRequest): FakeAnswer | null {
    if (req.method !== 'GET') return null;
    if (req.path === `/bot${token}/getFile`) {
      const fileId = req.query.get('file_id') ?? '';
      const file = files.get(fileId);
      if (!file) return telegramError(400, 'Bad Request: invalid file_id');
      if (file.content.length > BOT_API_FILE_LIMIT) return telegramError(400, 'Bad Request: file is too big');
      return { status: 200, body: { ok: true, result: { file_id: fileId, file_unique_id: `u${fileId.slice(-6)}`, file_size: file.content.length, file_path: file.filePath } } };
    }
    const prefix = `/file/bot${token}/`;
    if (!req.path.startsWith(prefix)) return null;
    const file = [...files.values()].find((f) => f.filePath === decodeURIComponent(req.path.slice(prefix.length)));
    return file ? { status: 200, raw: file.content, headers: { 'Content-Type': 'application/octet-stream' } } : telegramError(404, 'Not Found');
  }

  function route(req: FakeRequest): FakeAnswer | null {
    const asFile = fileRoute(req);
    if (asFile) return asFile;
    if (req.method !== 'POST' || req.path !== `/bot${token}/sendMessage`) return null;
    const body = req.body;
    if (!isObject(body)) return telegramError(400, 'Bad Request: message text is empty');
    const chatId = typeof body.chat_id === 'number' ? body.chat_id : typeof body.chat_id === 'string' && /^-?\d+$/.test(body.chat_id) ? Number(body.chat_id) : null;
    if (chatId === null) return telegramError(400, 'Bad Request: chat not found');
    if (typeof body.text !== 'string' || !body.text.trim()) return telegramError(400, 'Bad Request: message text is empty');
    if (utf16Length(body.text) > 4096) return telegramError(400, 'Bad Request: message is too long');
    if (blocked.has(chatId)) return telegramError(403, 'Forbidden: bot was blocked by the user');
    const reply = isObject(body.reply_parameters) && typeof body.reply_parameters.message_id === 'number' ? body.reply_parameters.message_id : undefined;
    const messageId = (nextMessageId += 1);
    sent.push({ chatId, text: body.text, ...(reply !== undefined ? { replyTo: reply } : {}), messageId });
    const botId = Number(token.split(':')[0]);
    return {
      status: 200,
      body: {
        ok: true,
        result: { message_id: messageId, from: { id: botId, is_bot: true, first_name: 'Meridian' }, chat: { id: chatId, type: 'private' }, date: Math.floor(Date.now() / 1000), text: body.text },
      },
    };
  }

  const server = await startFakeServer({
    // The token is the path: a request to another /bot<token>/ path is what Telegram answers 401 (or 404) to.
    authorize: (req) => req.path.startsWith(`/bot${token}/`) || req.path.startsWith(`/file/bot${token}/`),
    unauthorized: (req) => (/^\/bot\d+:[\w-]+\//.test(req.path) ? telegramError(401, 'Unauthorized') : telegramError(404, 'Not Found')),
    route,
    notFound: () => telegramError(404, 'Not Found: method not found'),
  });
  return {
    ...server,
    token,
    sent,
    blockedBy: (chatId) => blocked.add(chatId),
    addFile: (fileId, content, filePath) => void files.set(fileId, { content, filePath }),
    floodNext: (n, retryAfterS) => server.failNext(n, telegramError(429, `Too Many Requests: retry after ${retryAfterS}`, { retry_after: retryAfterS })),
  };
}
