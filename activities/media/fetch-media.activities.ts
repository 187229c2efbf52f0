/**
 * Fetches the media of a stored channel message (never in the webhook request: the conversation workflow calls this
 * before routing the message) and keeps them like e-mail attachments: each content once per SHA-256 in
 * `inbound_attachments`, the list written once on the message (`attachments`, the e-mail shape plus the medium's kind
 * and caption). A medium that cannot be had is listed with why; what may mend (5xx, timeouts, LINE still preparing) is
 * tried again, at most MEDIA_FETCH_ATTEMPTS times, then listed as `failed`, so the message is routed all the same.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { InboundMedia } from '../../domain/channels/channel';
import { MEDIA_FETCH_ATTEMPTS } from '../../domain/channels/media-policy';
import type { InboundAttachment } from '../../domain/email/inbound-email';
import { InboundMessageModel, type InboundMessageDoc } from '../../models/inbound-message.model';
import { openChannel } from '../../services/channels/channel-store';
import type { ActivityDeps } from '../deps';
import { MediaFetchError, type MediaFetchPolicy } from './guarded-get';
import { listedMedia, storeMediaContent } from './media-attachments';
import { fetchPlatformMedia } from './platform-media';

type Outcome = { attachment: InboundAttachment } | { retry: MediaFetchError };

/** Media of one message fetched at most (Messenger may carry several): more are listed as `too_many`, as in e-mail. */
export const MAX_MEDIA_PER_MESSAGE = 10;

/** LINE stickers are named by package and sticker id: there is no content to fetch. */
const fetchable = (kind: InboundMessageDoc['kind'], m: InboundMedia) => (m.url !== undefined || m.platformMediaId !== undefined) && !(kind === 'line' && m.type === 'sticker');

async function fetchOne(channel: Awaited<ReturnType<typeof openChannel>>, media: InboundMedia, index: number, policy: MediaFetchPolicy, last: boolean): Promise<Outcome> {
  try {
    if (!channel) throw new MediaFetchError('failed', 'the channel no longer exists');
    const fetched = await fetchPlatformMedia(channel, media, policy);
    const attachment = listedMedia(media, index, fetched);
    await storeMediaContent(attachment, fetched.content);
    return { attachment };
  } catch (err) {
    if (!(err instanceof MediaFetchError)) throw err; // the database: retried by Temporal as a whole
    if (err.retryable && !last) return { retry: err };
    return { attachment: listedMedia(media, index, null, err.reason) };
  }
}

type MediaDeps = Pick<ActivityDeps, 'logger' | 'inboundRouting'>;

/**
 * One attempt (`attempt` from 1) at a message's media: what may mend is thrown for another attempt, unless this is the
 * last one, when it is listed as failed with the rest.
 */
export async function fetchInboundMediaAttempt(deps: MediaDeps, inboundId: string, attempt: number): Promise<{ listed: number; kept: number }> {
  const message = await InboundMessageModel.findById(inboundId).lean<InboundMessageDoc>();
  // Already listed (a retry, a redelivered message) or routed before media were fetched: nothing to do.
  if (!message || message.kind === 'email' || message.attachments || message.status !== 'received') return { listed: 0, kept: 0 };
  const media = (message.media ?? []).filter((m) => fetchable(message.kind, m));
  if (media.length === 0) return { listed: 0, kept: 0 };
  const config = deps.inboundRouting?.config;
  if (!config) throw ApplicationFailure.retryable('this worker cannot fetch channel media (no configuration)', 'MEDIA_FETCH_UNAVAILABLE');
  const last = attempt >= MEDIA_FETCH_ATTEMPTS;
  const policy: MediaFetchPolicy = config.channelMedia;
  const channel = await openChannel(message.channelId, config);
  const outcomes: Outcome[] = [];
  for (const [i, m] of media.entries())
    outcomes.push(i < MAX_MEDIA_PER_MESSAGE ? await fetchOne(channel, m, i, policy, last) : { attachment: listedMedia(m, i, null, 'too_many') });
  const retry = outcomes.find((o): o is { retry: MediaFetchError } => 'retry' in o);
  if (retry) {
    const delayMs = Math.min(config.channelMedia.retryDelayMs * 2 ** (attempt - 1), 10 * 60_000);
    throw ApplicationFailure.create({ type: 'MEDIA_FETCH_RETRY', message: retry.retry.message, nextRetryDelay: delayMs });
  }
  const attachments = outcomes.map((o) => (o as { attachment: InboundAttachment }).attachment);
  // Written once: a retry after this write (or a second worker) finds the list and leaves it.
  await InboundMessageModel.updateOne({ _id: inboundId, attachments: { $exists: false } }, { $set: { attachments } });
  const skipped = attachments.filter((a) => a.skipped).map((a) => a.skipped);
  if (skipped.length) deps.logger.warn({ inboundId, channelId: message.channelId, skipped }, 'channel media listed without content');
  return { listed: attachments.length, kept: attachments.length - skipped.length };
}

export function createMediaActivities(deps: MediaDeps) {
  return {
    /** Fetches and keeps a channel message's media once; the message lists each (kept, or skipped with why). */
    async fetchInboundMedia({ inboundId }: { inboundId: string }): Promise<{ listed: number; kept: number }> {
      return fetchInboundMediaAttempt(deps, inboundId, Context.current().info.attempt);
    },
  };
}
