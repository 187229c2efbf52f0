/** Parameters and answers of a ticket's attachments (GET /api/tickets/{id}/attachments[/{sha256}]). */
import { z } from 'zod';
import { TicketIdParamsSchema } from './tickets.schema';

export const AttachmentParamsSchema = TicketIdParamsSchema.extend({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected the hex SHA-256 of the file (64 lower-case hex digits)'),
});

const AttachmentSchema = z.object({
  sha256: z.string(),
  filename: z.string(),
  contentType: z.string().describe('As the sender declared it; downloads of active types (HTML, SVG, script) are served as application/octet-stream'),
  size: z.number().int().min(0).describe('Bytes, decoded'),
  inline: z.boolean().describe('An image the message shows inline (a signature logo, a pasted screenshot)'),
  skipped: z.enum(['too_large', 'too_many']).nullable().describe('Listed but its content not kept (INBOUND_EMAIL_MAX_ATTACHMENT_MB, _MAX_ATTACHMENTS)'),
  messageId: z.string().describe('The inbound message that carried it: `data.messageId` of its timeline event'),
  channel: z.string(),
  sentAt: z.iso.datetime({ offset: true }),
  downloadUrl: z.string().nullable().describe('null when the content was not kept'),
});

/** GET /api/tickets/{id}/attachments. */
export const TicketAttachmentsSchema = z.object({ items: z.array(AttachmentSchema) });
