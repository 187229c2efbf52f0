/**
 * WhatsApp Cloud API for tests: `POST /{version}/{phoneNumberId}/messages` with `Authorization: Bearer <token>`, the
 * text and template bodies Meta documents, Graph's error shape (`{ error: { message, type, code, fbtrace_id } }`),
 * the customer-service window (131047 outside it), throughput throttling (400 with code 130429, as Meta answers), and
 * approved templates: a template send must name an approved template in an approved language (else 132001) with as
 * many body parameters as its body has placeholders (else 132000).
 * Media as the Cloud API hands them out: `GET /{version}/{media id}` → `{ messaging_product, url, mime_type, sha256,
 * file_size, id }`, the url (lookaside's path, on this server) answering the bytes to the same Bearer token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { bearerOf, startFakeServer, type FakeAnswer, type FakeRequest, type FakeServer } from './fake-server';

export interface SentWhatsApp {
  phoneNumberId: string;
  to: string;
  type: 'text' | 'template';
  text?: string;
  template?: { name: string; language: string; parameters: string[] };
  wamid: string;
}

export interface FakeWhatsApp extends FakeServer {
  token: string;
  phoneNumberId: string;
  apiVersion: string;
  sent: SentWhatsApp[];
  /** Free-form messages to `waId` get 131047 (more than 24 hours since the customer wrote); templates still go. */
  closeWindow(waId: string): void;
  /** The next `n` sends get Meta's throughput error (HTTP 400, code 130429). */
  throttleNext(n: number): void;
  /** Approves a template in WhatsApp Manager: its translations' codes and the number of {{n}} in its body. */
  approveTemplate(name: string, approved: { languages: string[]; parameters: number }): void;
  /** A medium a customer sent: its media id. `declare` overrides what the metadata says (a wrong sha256, a size). */
  addMedia(content: Buffer, mimeType: string, declare?: { sha256?: string; fileSize?: number }): string;
}

interface StoredMedia {
  content: Buffer;
  mimeType: string;
  sha256: string;
  fileSize: number;
}

/** Graph API's error body. */
export const graphError = (status: number, code: number, message: string, type = 'OAuthException', details?: string): FakeAnswer => ({
  status,
  body: { error: { message, type, code, ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}), fbtrace_id: `A${randomBytes(8).toString('hex')}` } },
});

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function invalid(body: unknown): string | null {
  if (!isObject(body)) return 'body must be a JSON object';
  if (body.messaging_product !== 'whatsapp') return 'messaging_product must be whatsapp';
  if (typeof body.to !== 'string' || !/^\+?\d{6,15}$/.test(body.to)) return 'to must be a phone number';
  if (body.type === 'text') {
    const text = body.text;
    if (!isObject(text) || typeof text.body !== 'string' || !text.body.length) return 'text.body is required';
    if (text.body.length > 4096) return 'text.body is too long';
    return null;
  }
  if (body.type === 'template') {
    const t = body.template;
    if (!isObject(t) || typeof t.name !== 'string' || !isObject(t.language) || typeof t.language.code !== 'string') return 'template.name and template.language.code are required';
    if (t.components === undefined) return null;
    if (!Array.isArray(t.components)) return 'template.components must be an array';
    for (const c of t.components as unknown[]) {
      if (!isObject(c) || typeof c.type !== 'string' || !Array.isArray(c.parameters)) return 'each component needs a type and parameters';
      for (const p of c.parameters as unknown[])
        if (!isObject(p) || p.type !== 'text' || typeof p.text !== 'string' || !p.text.trim() || /[\n\t]| {5}/.test(p.text)) return 'a text parameter must be one non-empty line';
    }
    return null;
  }
  return `unsupported type ${String(body.type)}`;
}

function templateOf(body: Json): SentWhatsApp['template'] {
  const t = body.template as { name: string; language: { code: string }; components?: Array<{ type: string; parameters?: Array<{ text?: string }> }> };
  const bodyComponent = t.components?.find((c) => c.type === 'body');
  return { name: t.name, language: t.language.code, parameters: (bodyComponent?.parameters ?? []).map((p) => p.text ?? '') };
}

/** Meta's answer to a template it would not send: unknown name or translation (132001), wrong parameter count (132000). */
function templateRefusal(approved: Map<string, { languages: string[]; parameters: number }>, t: NonNullable<SentWhatsApp['template']>): FakeAnswer | null {
  const template = approved.get(t.name);
  if (!template || !template.languages.includes(t.language))
    return graphError(404, 132001, '(#132001) Template name does not exist in the translation', 'OAuthException', `template name (${t.name}) does not exist in ${t.language}`);
  if (t.parameters.length !== template.parameters)
    return graphError(400, 132000, '(#132000) Number of parameters does not match the expected number of params', 'OAuthException', `body: number of localizable_params (${t.parameters.length}) does not match the expected number of params (${template.parameters})`);
  return null;
}

/** Starts the fake WhatsApp Cloud API for one business phone number. */
export async function startFakeWhatsApp(options: { token?: string; phoneNumberId?: string; apiVersion?: string } = {}): Promise<FakeWhatsApp> {
  const token = options.token ?? `EAAG${randomBytes(24).toString('hex')}`;
  const phoneNumberId = options.phoneNumberId ?? '114896151713920';
  const apiVersion = options.apiVersion ?? 'v23.0';
  const sent: SentWhatsApp[] = [];
  const closed = new Set<string>();
  const approved = new Map<string, { languages: string[]; parameters: number }>();

  const media = new Map<string, StoredMedia>();
  let baseUrl = '';

  function mediaRoute(req: FakeRequest): FakeAnswer | null {
    if (req.method !== 'GET') return null;
    if (req.path === '/whatsapp_business/attachments/') {
      const stored = media.get(req.query.get('mid') ?? '');
      return stored ? { status: 200, raw: stored.content, headers: { 'Content-Type': stored.mimeType } } : { status: 404, body: { error: 'not found' } };
    }
    const match = /^\/(v\d+\.\d+)\/(\d+)$/.exec(req.path);
    if (!match) return null;
    const stored = media.get(match[2]!);
    if (!stored) return graphError(400, 100, `Unsupported get request. Object with ID '${match[2]}' does not exist`, 'GraphMethodException');
    const url = `${baseUrl}/whatsapp_business/attachments/?mid=${match[2]}&ext=${Date.now()}&hash=${randomBytes(8).toString('base64url')}`;
    return { status: 200, body: { messaging_product: 'whatsapp', url, mime_type: stored.mimeType, sha256: stored.sha256, file_size: stored.fileSize, id: match[2] } };
  }

  function route(req: FakeRequest): FakeAnswer | null {
    const asMedia = mediaRoute(req);
    if (asMedia) return asMedia;
    const match = /^\/(v\d+\.\d+)\/([^/]+)\/messages$/.exec(req.path);
    if (req.method !== 'POST' || !match) return null;
    if (match[1] !== apiVersion) return graphError(400, 2635, `(#2635) You are calling a deprecated version of the Graph API.`);
    if (match[2] !== phoneNumberId) return graphError(400, 100, `Unsupported post request. Object with ID '${match[2]}' does not exist`, 'GraphMethodException');
    const problem = invalid(req.body);
    if (problem) return graphError(400, 100, `(#100) Invalid parameter: ${problem}`);
    const body = req.body as Json;
    const to = String(body.to).replace(/^\+/, '');
    if (body.type === 'text' && closed.has(to)) return graphError(400, 131047, '(#131047) Re-engagement message');
    if (body.type === 'template') {
      const refusal = templateRefusal(approved, templateOf(body)!);
      if (refusal) return refusal;
    }
    const wamid = `wamid.${randomBytes(18).toString('base64url')}`;
    sent.push({
      phoneNumberId,
      to,
      type: body.type as 'text' | 'template',
      ...(body.type === 'text' ? { text: (body.text as { body: string }).body } : { template: templateOf(body) }),
      wamid,
    });
    return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: to }], messages: [{ id: wamid }] } };
  }

  const server = await startFakeServer({
    authorize: (req) => bearerOf(req) === token,
    unauthorized: () => graphError(401, 190, 'Error validating access token: The session is invalid.'),
    route,
    notFound: () => graphError(400, 100, 'Unknown path components'),
  });
  baseUrl = server.url;
  return {
    ...server,
    token,
    phoneNumberId,
    apiVersion,
    sent,
    closeWindow: (waId) => closed.add(waId),
    throttleNext: (n) => server.failNext(n, graphError(400, 130429, '(#130429) Rate limit hit')),
    approveTemplate: (name, template) => approved.set(name, template),
    addMedia(content, mimeType, declare = {}) {
      const id = String(1_000_000_000_000_000n + BigInt(media.size + 1) * 7919n + BigInt(randomBytes(2).readUInt16BE(0)));
      const sha256 = declare.sha256 ?? createHash('sha256').update(content).digest('hex');
      media.set(id, { content, mimeType, sha256, fileSize: declare.fileSize ?? content.length });
      return id;
    },
  };
}
