/** Web chat channels for tests: configured through the ops API, and the widget's requests as a browser page sends them. */
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { WebchatMessageModel, type WebchatMessageDoc } from '../../models/webchat-message.model';
import { eventually, type Harness } from '../support/harness';
import { putChannel } from './channel-support';

export const SHOP = 'https://shop.example';

export interface WebchatView {
  id: string;
  webchat: { siteKey: string; allowedOrigins: string[]; snippet: string; widgetUrl: string };
}

/** Creates (or updates) a web chat channel for `origins`; answers its view. */
export async function putWebchat(h: Harness, id: string, origins: string[] = [SHOP], extra: Record<string, unknown> = {}): Promise<WebchatView> {
  const res = await putChannel(h, id, { kind: 'webchat', allowedOrigins: origins, ...extra });
  if (res.status !== 200 && res.status !== 201) throw new Error(`PUT channel ${id}: ${res.status} ${res.text}`);
  return res.body as WebchatView;
}

/** The widget's calls to one channel, from a page of `origin` (none: a request no browser page made). */
export function widget(app: Express, channelId: string, origin: string | null = SHOP) {
  const base = `/api/webchat/${channelId}`;
  const from = (req: request.Test) => (origin === null ? req : req.set('Origin', origin));
  const bearer = (req: request.Test, token: string) => from(req).set('Authorization', `Bearer ${token}`);
  return {
    session: (siteKey: string) => from(request(app).post(`${base}/sessions`)).send({ siteKey }),
    post: (token: string, body: Record<string, unknown>) => bearer(request(app).post(`${base}/messages`), token).send({ clientMessageId: randomUUID().replace(/-/g, ''), ...body }),
    transcript: (token: string, after?: string) => bearer(request(app).get(`${base}/messages${after === undefined ? '' : `?after=${after}`}`), token),
    receipts: (token: string, messageIds: string[], status: 'delivered' | 'read') => bearer(request(app).post(`${base}/receipts`), token).send({ messageIds, status }),
  };
}

/** A new visitor of the channel: their id and token. */
export async function newVisitor(app: Express, view: WebchatView, origin = SHOP): Promise<{ visitorId: string; token: string }> {
  const res = await widget(app, view.id, origin).session(view.webchat.siteKey).expect(201);
  return res.body as { visitorId: string; token: string };
}

/** Our answer in the visitor's transcript once it is there. */
export function staffLineWhen(channelId: string, visitorId: string, where: (text: string) => boolean = () => true): Promise<WebchatMessageDoc> {
  return eventually(async () => {
    const lines = await WebchatMessageModel.find({ conversation: `${channelId}:${visitorId}`, from: 'staff' }).lean<WebchatMessageDoc[]>();
    return lines.find((l) => where(l.text));
  }, 30_000);
}
