/**
 * The web chat transcript the widget polls: a visitor's messages as they came in, our answers as the channel outbox
 * sent them. The cursor is an instant (epoch ms) a little behind the newest line returned, so a line written by a
 * slower process just before it is still found; the widget drops the lines it already has by id.
 */
import { createHash } from 'node:crypto';
import { retryOnDuplicateKey } from '../../models/mongo-errors';
import { WebchatMessageModel, type WebchatMessageDoc } from '../../models/webchat-message.model';

/** Lines per answer: the newest ones on a first load, the next ones after a cursor. */
export const TRANSCRIPT_PAGE = 100;
/** How long after its `at` a line may still become visible (a write in flight in another process). */
const SETTLE_MS = 5_000;

/** Writes a line once (a repeated write of the same id changes nothing). */
async function writeLineOnce(line: WebchatMessageDoc): Promise<void> {
  const { _id, ...fields } = line;
  await retryOnDuplicateKey(() => WebchatMessageModel.updateOne({ _id }, { $setOnInsert: fields }, { upsert: true }));
}

/** A visitor's message, under its inbound id. */
export function recordVisitorLine(conversation: string, inboundId: string, clientMessageId: string, text: string, at: Date): Promise<void> {
  return writeLineOnce({ _id: inboundId, conversation, from: 'visitor', text, clientMessageId, at });
}

/** The id our answer gets from the outbox request that sends it: the same on every attempt of that request. */
export function staffLineId(requestKey: string): string {
  return `wcm_${createHash('sha256').update(requestKey).digest('base64url').slice(0, 24)}`;
}

/** Our answer, written where the widget fetches it: the web chat "send". Answers its id (the outbox's platform message id). */
export async function recordStaffLine(conversation: string, requestKey: string, text: string, at: Date): Promise<string> {
  const id = staffLineId(requestKey);
  await writeLineOnce({ _id: id, conversation, from: 'staff', text, at });
  return id;
}

/** The conversation's lines after `afterMs` (else its newest page), oldest first, and the cursor to ask with next. */
export async function transcriptPage(conversation: string, afterMs: number | undefined, nowMs: number): Promise<{ lines: WebchatMessageDoc[]; cursor: number }> {
  const lines =
    afterMs === undefined
      ? (await WebchatMessageModel.find({ conversation }).sort({ at: -1, _id: -1 }).limit(TRANSCRIPT_PAGE).lean<WebchatMessageDoc[]>()).reverse()
      : await WebchatMessageModel.find({ conversation, at: { $gt: new Date(afterMs) } }).sort({ at: 1, _id: 1 }).limit(TRANSCRIPT_PAGE).lean<WebchatMessageDoc[]>();
  const after = afterMs ?? 0;
  const last = lines.at(-1)?.at.getTime();
  if (last === undefined) return { lines, cursor: after };
  // A full page after a cursor: more follow at once, so the cursor is its last line (never behind: that would loop).
  const full = afterMs !== undefined && lines.length === TRANSCRIPT_PAGE;
  return { lines, cursor: full ? last : Math.max(after, Math.min(last, nowMs - SETTLE_MS)) };
}

/** Of `ids`, those of our answers in this conversation (a visitor marks only their own as read). */
export async function staffLinesOf(conversation: string, ids: readonly string[]): Promise<string[]> {
  // One read by _id each: FerretDB pushes `_id` equality down, not `$in`.
  const found = await Promise.all([...new Set(ids)].map((id) => WebchatMessageModel.findById(id, { conversation: 1, from: 1 }).lean<Pick<WebchatMessageDoc, '_id' | 'conversation' | 'from'>>()));
  return found.filter((l) => l?.conversation === conversation && l.from === 'staff').map((l) => l!._id);
}
