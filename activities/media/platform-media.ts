/**
 * How each platform hands over a medium's content, every request through guardedGet:
 * - WhatsApp Cloud API: `GET {base}/{version}/{media id}` (Bearer) → `{ url, mime_type, sha256, file_size, id }`, then
 *   `GET url` (Bearer); the content must have Meta's sha256.
 * - Telegram Bot API: `GET {base}/bot<token>/getFile?file_id=…` → `file_path`, then `GET {base}/file/bot<token>/<path>`
 *   (the Bot API hands out files of at most 20 MB).
 * - LINE: `GET {api-data base}/v2/bot/message/{message id}/content` (Bearer); 202 while LINE still prepares it.
 * - Messenger and Instagram: the payload's signed URL, without any credential.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { InboundMedia } from '../../domain/channels/channel';
import { DEFAULT_API_BASE_URLS } from '../../domain/channels/channel-settings';
import type { OpenChannel } from '../../services/channels/channel-store';
import { GRAPH_API_VERSION } from '../channels/channel-senders';
import { guardedGet, MediaFetchError, type MediaAnswer, type MediaFetchPolicy } from './guarded-get';

/** A medium's content as fetched, with what the platform declared about it (kept, never trusted for serving). */
export interface FetchedMedia {
  content: Buffer;
  declaredType?: string;
  fileName?: string;
}

/** LINE's content comes from the api-data host; a channel with its own apiBaseUrl (proxy, tests) gets it there too. */
export const LINE_DATA_BASE_URL = 'https://api-data.line.me';

const JSON_LIMIT = 64 * 1024;
const trimBase = (u: string) => u.replace(/\/+$/, '');

/** The failure a non-2xx answer stands for: gone for good, or worth another attempt. */
function answerError(answer: MediaAnswer, what: string): MediaFetchError {
  const s = answer.status;
  if (s === 404 || s === 410) return new MediaFetchError('not_found', `${what}: ${s}`);
  if (s === 408 || s === 429 || s >= 500) return new MediaFetchError('failed', `${what}: ${s}`, true);
  return new MediaFetchError('failed', `${what}: ${s}`);
}

function jsonOf<T>(schema: z.ZodType<T>, answer: MediaAnswer, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(answer.body.toString('utf8'));
  } catch {
    throw new MediaFetchError('failed', `${what}: not JSON`, true);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new MediaFetchError('failed', `${what}: unexpected answer`);
  return parsed.data;
}

const WaMediaSchema = z.object({ url: z.string().min(1), mime_type: z.string().optional(), sha256: z.string().optional(), file_size: z.coerce.number().optional() });

/** Whether `content` has the digest Meta gave (hex, or base64 as in webhooks). */
function sameSha256(content: Buffer, given: string): boolean {
  const digest = createHash('sha256').update(content).digest();
  return /^[0-9a-f]{64}$/i.test(given) ? digest.toString('hex') === given.toLowerCase() : digest.toString('base64') === given;
}

async function whatsApp(channel: OpenChannel, media: InboundMedia, policy: MediaFetchPolicy): Promise<FetchedMedia> {
  const token = channel.secrets.accessToken ?? '';
  const auth = { policy, headers: { Authorization: `Bearer ${token}` }, secrets: [token] };
  const base = trimBase(channel.apiBaseUrl ?? DEFAULT_API_BASE_URLS.whatsapp);
  const metaAnswer = await guardedGet(`${base}/${GRAPH_API_VERSION}/${encodeURIComponent(media.platformMediaId ?? '')}`, { ...auth, policy: { ...policy, maxBytes: JSON_LIMIT } });
  // Graph answers an unknown (or expired, after 30 days) media id with 400 code 100 or 404.
  if (metaAnswer.status === 400) throw new MediaFetchError('not_found', 'whatsapp media id: 400');
  if (metaAnswer.status !== 200) throw answerError(metaAnswer, 'whatsapp media id');
  const meta = jsonOf(WaMediaSchema, metaAnswer, 'whatsapp media id');
  if (meta.file_size !== undefined && meta.file_size > policy.maxBytes) throw new MediaFetchError('too_large', `whatsapp declares ${meta.file_size} bytes`);
  const file = await guardedGet(meta.url, auth);
  if (file.status !== 200) throw answerError(file, 'whatsapp media url'); // the URL lives 5 minutes: the next attempt asks again
  if (meta.sha256 && !sameSha256(file.body, meta.sha256)) throw new MediaFetchError('checksum_mismatch', 'whatsapp media: not the sha256 Meta gave', true);
  return { content: file.body, declaredType: meta.mime_type ?? media.mimeType, fileName: media.fileName };
}

const TgFileSchema = z.object({ ok: z.literal(true), result: z.object({ file_path: z.string().min(1).optional(), file_size: z.number().optional() }) });
const TgErrorSchema = z.object({ ok: z.literal(false), description: z.string().optional() });

async function telegram(channel: OpenChannel, media: InboundMedia, policy: MediaFetchPolicy): Promise<FetchedMedia> {
  const token = channel.secrets.botToken ?? '';
  const base = trimBase(channel.apiBaseUrl ?? DEFAULT_API_BASE_URLS.telegram);
  const opts = { policy: { ...policy, maxBytes: JSON_LIMIT }, secrets: [token] };
  const answer = await guardedGet(`${base}/bot${token}/getFile?file_id=${encodeURIComponent(media.platformMediaId ?? '')}`, opts);
  if (answer.status === 400) {
    const why = TgErrorSchema.safeParse(safeJson(answer.body)).data?.description ?? '';
    throw /too big/i.test(why) ? new MediaFetchError('too_large', 'telegram: file is too big') : new MediaFetchError('not_found', 'telegram getFile: 400');
  }
  if (answer.status !== 200) throw answerError(answer, 'telegram getFile');
  const file = jsonOf(TgFileSchema, answer, 'telegram getFile').result;
  if (file.file_size !== undefined && file.file_size > policy.maxBytes) throw new MediaFetchError('too_large', `telegram declares ${file.file_size} bytes`);
  if (!file.file_path) throw new MediaFetchError('not_found', 'telegram getFile: no file_path');
  const path = file.file_path.split('/').map(encodeURIComponent).join('/');
  const content = await guardedGet(`${base}/file/bot${token}/${path}`, { policy, secrets: [token] });
  if (content.status !== 200) throw answerError(content, 'telegram file');
  // Telegram sends photos as JPEG; its file server answers every file as application/octet-stream.
  const declaredType = media.mimeType ?? (media.type === 'image' ? 'image/jpeg' : headerType(content));
  return { content: content.body, declaredType, fileName: media.fileName ?? file.file_path.split('/').pop() };
}

async function line(channel: OpenChannel, media: InboundMedia, policy: MediaFetchPolicy): Promise<FetchedMedia> {
  const token = channel.secrets.channelAccessToken ?? '';
  const base = trimBase(channel.apiBaseUrl ?? LINE_DATA_BASE_URL);
  const answer = await guardedGet(`${base}/v2/bot/message/${encodeURIComponent(media.platformMediaId ?? '')}/content`, { policy, headers: { Authorization: `Bearer ${token}` }, secrets: [token] });
  if (answer.status === 202) throw new MediaFetchError('failed', 'line: the content is still being prepared', true);
  if (answer.status !== 200) throw answerError(answer, 'line content');
  return { content: answer.body, declaredType: headerType(answer), fileName: media.fileName };
}

async function signedUrl(media: InboundMedia, policy: MediaFetchPolicy): Promise<FetchedMedia> {
  const answer = await guardedGet(media.url ?? '', { policy });
  // Meta's CDN answers an expired signed URL with 403 ("URL signature expired"): gone, as a 404.
  if (answer.status === 403) throw new MediaFetchError('not_found', 'media url: 403 (expired)');
  if (answer.status !== 200) throw answerError(answer, 'media url');
  return { content: answer.body, declaredType: headerType(answer) };
}

function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

const headerType = (answer: MediaAnswer) => answer.headers['content-type'];

/** Fetches one medium of a message received on `channel`; a MediaFetchError says why not. */
export function fetchPlatformMedia(channel: OpenChannel, media: InboundMedia, policy: MediaFetchPolicy): Promise<FetchedMedia> {
  switch (channel.kind) {
    case 'whatsapp':
      return whatsApp(channel, media, policy);
    case 'telegram':
      return telegram(channel, media, policy);
    case 'line':
      return media.url ? signedUrl(media, policy) : line(channel, media, policy);
    case 'messenger':
    case 'instagram':
      return signedUrl(media, policy);
    case 'webchat':
      // The widget sends text only: a web chat message names no medium (and there is no platform to fetch one from).
      return Promise.reject(new MediaFetchError('refused', 'web chat messages carry no media'));
  }
}
