/**
 * A ticket's attachments for staff who may see the ticket (agents of its departments, ops, admin; anyone else 404):
 * the list, and each kept file as a download. Rate-limited per API key, like the other staff reads a leaked key could
 * walk (customer search).
 */
import { Router } from 'express';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import { listTicketAttachments, loadTicketAttachment, type TicketAttachment } from '../../services/attachments/ticket-attachments';
import { authenticate, getAuth } from '../middleware/auth';
import { createRateLimiter, createRateLimitStore, staffKeyOrAddress } from '../middleware/rate-limit';
import { registerRoute } from '../openapi/registry';
import { parseInput } from '../validation';
import { sendAttachment } from './attachment-download';
import { AttachmentParamsSchema, TicketAttachmentsSchema } from './ticket-attachments.schema';
import { loadVisibleTicket } from './ticket-access';
import { TicketIdParamsSchema } from './tickets.schema';

const STAFF = ['admin', 'ops', 'agent'] as const;
registerRoute({
  method: 'get',
  path: '/api/tickets/{id}/attachments',
  summary: "The ticket's attachments: every file its messages carried (e-mail and messaging channels), oldest message first",
  tags: ['tickets'],
  auth: 'apiKey',
  roles: STAFF,
  params: TicketIdParamsSchema,
  rateLimited: true,
  responses: { 200: { description: 'Attachments, with the message that carried each', schema: TicketAttachmentsSchema }, 404: { description: 'No such ticket (or not in your departments)' } },
});
registerRoute({
  method: 'get',
  path: '/api/tickets/{id}/attachments/{sha256}',
  summary: 'Download one attachment of the ticket (always as a file: Content-Disposition attachment, sandboxed, never rendered)',
  tags: ['tickets'],
  auth: 'apiKey',
  roles: STAFF,
  params: AttachmentParamsSchema,
  rateLimited: true,
  responses: {
    200: { description: 'The file', contentType: 'application/octet-stream' },
    404: { description: 'No such ticket (or not in your departments), or no kept file with this SHA-256 among its messages (ATTACHMENT_NOT_FOUND)' },
  },
});

function attachmentView(ticketId: string, a: TicketAttachment) {
  return {
    sha256: a.sha256,
    filename: a.filename,
    contentType: a.contentType,
    size: a.size,
    inline: a.inline,
    skipped: a.skipped ?? null,
    messageId: a.messageId,
    channel: a.channel,
    sentAt: a.sentAt.toISOString(),
    downloadUrl: a.skipped ? null : `/api/tickets/${ticketId}/attachments/${a.sha256}`,
  };
}

/** GET /api/tickets/{id}/attachments and /attachments/{sha256}. */
export function ticketAttachmentsRouter(deps: { config: Config; now?: () => number }): Router {
  const router = Router();
  const auth = authenticate(deps.config);
  const limit = createRateLimiter({
    name: 'ticket-attachments',
    windowMs: 60_000,
    max: deps.config.rateLimits.attachmentsPerMinute,
    key: staffKeyOrAddress,
    store: createRateLimitStore(deps.config.rateLimits),
    now: deps.now,
  });

  router.get('/api/tickets/:id/attachments', auth, limit, async (req, res) => {
    const { id } = parseInput(TicketIdParamsSchema, req.params, 'params');
    await loadVisibleTicket(getAuth(res), id);
    res.json({ items: (await listTicketAttachments(id)).map((a) => attachmentView(id, a)) });
  });

  router.get('/api/tickets/:id/attachments/:sha256', auth, limit, async (req, res) => {
    const { id, sha256 } = parseInput(AttachmentParamsSchema, req.params, 'params');
    await loadVisibleTicket(getAuth(res), id);
    const file = await loadTicketAttachment(id, sha256);
    if (!file) throw new MeridianError('ATTACHMENT_NOT_FOUND', 'no such attachment on this ticket');
    sendAttachment(res, file);
  });

  return router;
}
