/**
 * The bad-input corpus's recipes for the web chat endpoints. Every request comes as the widget's does: from a page of
 * the channel's allowed origin, with the visitor's token (a request without them is refused before its body is read).
 */
import { randomBytes } from 'node:crypto';
import { InboundMessageModel } from '../../models/inbound-message.model';
import { WebchatMessageModel } from '../../models/webchat-message.model';
import { eventually } from '../support/harness';
import type { Recipe } from './body-routes';

/** The web chat channel the corpus test makes, and a visitor of it. */
export interface CorpusWebchat {
  channelId: string;
  origin: string;
  siteKey: string;
  visitorId: string;
  token: string;
}

const KB = 1024;
const LIMIT = 20 * KB;

export function webchatRouteRecipes(w: CorpusWebchat, person: { name: string; email: string }): Record<string, Recipe> {
  const base = `/api/webchat/${w.channelId}`;
  const visitor = { Origin: w.origin, Authorization: `Bearer ${w.token}` };
  const fields = { text: [], emails: [], numbers: [], limitBytes: LIMIT };
  const message = {
    text: 'Ottoline here: the brass telescope arrived broken, box from Quillfeather Court.',
    name: person.name,
    email: person.email,
    language: 'en-GB',
    timeZone: 'Europe/London',
  };
  return {
    'POST /api/webchat/{channelId}/sessions': { ...fields, url: `${base}/sessions`, headers: { Origin: w.origin }, writes: [], valid: { siteKey: w.siteKey }, required: ['siteKey'], strict: ['siteKey'] },
    'POST /api/webchat/{channelId}/messages': {
      ...fields,
      url: `${base}/messages`,
      headers: visitor,
      writes: ['inbound_messages', 'webchat_messages'],
      // A fresh message id each time the valid body is read: a body the route accepts is a new message, not a resend.
      get valid() {
        return { clientMessageId: `corpus-${randomBytes(9).toString('base64url')}`, ...message };
      },
      required: ['text'],
      text: [
        { path: ['text'], lines: 'multi' },
        { path: ['name'], lines: 'single' },
      ],
      emails: [['email']],
      strict: ['clientMessageId'],
    },
    'POST /api/webchat/{channelId}/receipts': {
      ...fields,
      url: `${base}/receipts`,
      headers: visitor,
      writes: ['channel_outbox'],
      valid: { messageIds: [`wcm_${'A'.repeat(24)}`], status: 'read' },
      required: ['messageIds'],
      strict: ['status'],
    },
  };
}

/** What a message the corpus sent was stored as, shaped like its body's free text (its transcript line names it). */
export async function storedVisitorMessage(clientMessageId: string): Promise<{ text: string | null; name: string | null }> {
  const line = await eventually(() => WebchatMessageModel.findOne({ clientMessageId }).lean());
  const m = await eventually(() => InboundMessageModel.findById(line._id).lean());
  return { text: m.text ?? null, name: m.from.name ?? null };
}
