/**
 * Schemas of the success answers that are built by hand (ticket views, tracking, inboxes), for the OpenAPI document:
 * Schemathesis checks every answer against them. The views' fields the document names are typed exactly; views that
 * grow often (the staff ticket) are open to fields not named here yet.
 */
import { z } from 'zod';
import { PRIORITIES, TICKET_STATUSES } from '../../domain/ticket';
import { WhatsAppConsoleSchema } from '../tickets/whatsapp-console';

const isoInstant = z.iso.datetime({ offset: true });
const status = z.enum(TICKET_STATUSES);

/** What every staff action answers: the ticket's status and current task afterwards, and the event it wrote. */
export const TicketActionResultSchema = z.object({ status, taskId: z.string().nullable(), seq: z.number().int() });

const TimelineEntrySchema = z.object({
  seq: z.number().int().min(1),
  type: z.string(),
  visibility: z.enum(['public', 'internal']),
  at: isoInstant,
  actor: z.looseObject({ type: z.string() }),
  data: z.record(z.string(), z.unknown()),
});

/** GET /api/tickets/{id}/events. */
export const TicketEventsPageSchema = z.object({ items: z.array(TimelineEntrySchema), before: z.number().int().nullable() });

const TaskViewSchema = z.looseObject({
  taskId: z.string(),
  stepId: z.string(),
  title: z.string(),
  departmentId: z.string(),
  assigneeId: z.string().nullable(),
  status: z.enum(['open', 'claimed', 'done']),
  allowedOutcomes: z.array(z.string()),
  branchId: z.string().optional().describe('The branch of a parallel step the task belongs to'),
});

/** GET /api/tickets/{id}: the named fields, and more as the view grows. */
export const StaffTicketViewSchema = z.looseObject({
  id: z.string(),
  subject: z.string(),
  description: z.string(),
  status,
  priority: z.enum(PRIORITIES).nullable(),
  task: TaskViewSchema.nullable(),
  tasks: z.array(TaskViewSchema).describe("While a parallel step runs (task is null): each branch's current task"),
  approvals: z.array(
    z.looseObject({
      approvalId: z.string(),
      status: z.enum(['pending', 'approved', 'rejected', 'auto_approved']),
      currentLevel: z.number().int().nullable(),
      levels: z.array(z.looseObject({ name: z.string(), departmentId: z.string(), status: z.enum(['waiting', 'pending', 'approved', 'rejected']), approvers: z.array(z.string()) })),
    }),
  ),
  channelSends: z
    .array(
      z.object({
        purpose: z.string(),
        channelId: z.string(),
        state: z.enum(['pending', 'sending', 'sent', 'failed', 'unconfirmed']),
        parts: z.number().int(),
        failure: z.string().nullable(),
        sentAt: z.string().nullable(),
        receipt: z.object({ status: z.enum(['sent', 'delivered', 'read', 'failed']), at: z.string().nullable(), error: z.string().nullable() }).nullable(),
        template: z.object({ name: z.string(), languageCode: z.string() }).nullable().describe('WhatsApp: the approved template sent instead of a text'),
      }),
    )
    .describe('Messages sent through the customer’s messaging channel, oldest first, with the platform’s delivery receipts'),
  timeline: z.array(TimelineEntrySchema),
  timelineBefore: z.number().int().nullable(),
  ...WhatsAppConsoleSchema,
  messagesIn: z
    .array(
      z.object({
        id: z.string(),
        channel: z.string(),
        sentAt: isoInstant,
        routed: z.enum(['continued', 'opened', 'status']).nullable(),
        attachments: z.number().int(),
        authentication: z
          .object({
            fromDomain: z.string(),
            spf: z.enum(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'not_checked']),
            dkim: z.enum(['pass', 'fail', 'neutral', 'policy', 'none', 'temperror', 'permerror']),
            dmarc: z.enum(['pass', 'fail', 'none', 'temperror', 'permerror']),
            dmarcPolicy: z.enum(['none', 'quarantine', 'reject']).nullable(),
            arc: z.enum(['pass', 'fail', 'none']),
            aligned: z.boolean(),
            spoofSuspected: z.boolean(),
          })
          .nullable()
          .describe('E-mail: SPF/DKIM/DMARC of its sender (aligned: the From is proven); null when not checked or not e-mail'),
      }),
    )
    .describe('The latest 100 messages that reached the ticket from channels and e-mail, oldest first; timeline events name them by data.messageId'),
});

/** An instant as a customer reads it (their offset and zone, a sentence in their language). */
const LocalTimeSchema = z.object({ at: z.string().nullable(), timeZone: z.string(), local: z.string() });
const PublicMessageSchema = z.object({ from: z.enum(['you', 'support']), body: z.string(), at: LocalTimeSchema.nullable() });

/** GET /api/track/{code}. */
export const TrackingViewSchema = z.object({
  subject: z.string(),
  status,
  waitingOnYou: z.boolean(),
  stages: z.array(
    z.object({ stage: z.enum(['received', 'in_progress', 'resolved', 'closed']), state: z.enum(['done', 'current', 'upcoming']), at: LocalTimeSchema.nullable() }),
  ),
  currentStep: z.object({ title: z.string() }).nullable(),
  nextUpdateDue: LocalTimeSchema.nullable(),
  reopenableUntil: LocalTimeSchema.nullable(),
  messages: z.array(PublicMessageSchema),
  olderMessagesBefore: z.number().int().nullable(),
});

/** GET /api/track/{code}/messages. */
export const PublicMessagesPageSchema = z.object({ items: z.array(PublicMessageSchema), before: z.number().int().nullable() });

/** POST /api/track/{code}/messages. */
export const CustomerMessageResultSchema = z.object({ status });

/** GET /api/departments/{id}/tasks. */
export const DepartmentTasksSchema = z.object({
  items: z.array(
    z.object({
      taskId: z.string(),
      ticketId: z.string(),
      title: z.string(),
      status: z.enum(['open', 'claimed', 'done']),
      assigneeId: z.string().nullable(),
      priority: z.enum(PRIORITIES).nullable(),
      allowedOutcomes: z.array(z.string()),
      dueAt: isoInstant.nullable(),
      createdAt: isoInstant,
      ticket: z
        .object({ subject: z.string(), status, breachCount: z.number().int(), nextUpdateDueAt: isoInstant.nullable() })
        .nullable(),
    }),
  ),
});
