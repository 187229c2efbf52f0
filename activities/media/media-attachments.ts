/**
 * A fetched channel medium as an attachment in the e-mail shape (`InboundAttachment`): a file name that steers no
 * one, the declared content type (kept as a plain `type/subtype`, never trusted for serving), size and SHA-256, and
 * its content stored once per SHA-256 in `inbound_attachments`, as e-mail attachments are.
 */
import { createHash } from 'node:crypto';
import type { InboundMedia } from '../../domain/channels/channel';
import type { InboundAttachment, SkippedAttachmentReason } from '../../domain/email/inbound-email';
import { InboundAttachmentModel } from '../../models/inbound-attachment.model';
import { isDuplicateKeyError } from '../../models/mongo-errors';
import type { FetchedMedia } from './platform-media';

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** `image/jpeg; charset=…` → `image/jpeg`; anything else → application/octet-stream. */
export function plainContentType(declared: string | undefined): string {
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  return MIME.test(type) ? type : 'application/octet-stream';
}

/** Extensions of the types platforms send, for a medium that came without a file name (a photo, a voice note). */
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/gif': '.gif',
  'video/mp4': '.mp4',
  'video/3gpp': '.3gp',
  'audio/ogg': '.ogg',
  'audio/mpeg': '.mp3',
  'audio/mp4': '.m4a',
  'audio/aac': '.aac',
  'audio/amr': '.amr',
  'application/pdf': '.pdf',
};

function safeFileName(name: string | undefined, media: InboundMedia, index: number, contentType: string): string {
  // No path separators or control characters: whoever writes the file later must not be steered by the sender.
  const cleaned = [...(name ?? '')].map((c) => (c < ' ' || c === '\u007f' || c === '/' || c === '\\' ? '_' : c)).join('').trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? `${media.type}-${index + 1}${EXTENSIONS[contentType] ?? ''}` : cleaned.slice(-255);
}

/** The attachment listed for a medium: with its content's size and sha256, or skipped with why (size 0, no sha256). */
export function listedMedia(media: InboundMedia, index: number, fetched: FetchedMedia | null, skipped?: SkippedAttachmentReason): InboundAttachment {
  const origin = { mediaType: media.type, ...(media.caption ? { caption: media.caption } : {}) };
  const contentType = plainContentType(fetched ? (fetched.declaredType ?? media.mimeType) : media.mimeType);
  const filename = safeFileName(fetched?.fileName ?? media.fileName, media, index, contentType);
  if (!fetched) return { filename, contentType, size: 0, sha256: '', inline: false, skipped: skipped ?? 'failed', ...origin };
  const sha256 = createHash('sha256').update(fetched.content).digest('hex');
  return { filename, contentType, size: fetched.content.length, sha256, inline: false, ...origin };
}

/** Stores a medium's content once per SHA-256 (the same photo sent twice, or a retried fetch, is kept once). */
export async function storeMediaContent(attachment: InboundAttachment, content: Buffer): Promise<void> {
  try {
    await InboundAttachmentModel.create({ _id: attachment.sha256, contentType: attachment.contentType, size: content.length, data: content, createdAt: new Date() });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}
