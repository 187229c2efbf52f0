/**
 * What the staff console needs to answer a WhatsApp customer: whether the 24-hour window is open and until when, the
 * approved templates an agent may pick, and the check of a picked template before a reply is accepted.
 */
import { z } from 'zod';
import { agentMayPick, TEMPLATE_KINDS, TEMPLATE_PARAMETERS } from '../../domain/channels/whatsapp-templates';
import { MeridianError } from '../../domain/errors';
import { ticketWhatsApp } from '../../services/channels/ticket-channel';

/** The staff view's WhatsApp fields (null and empty when the customer last wrote elsewhere). */
export const WhatsAppConsoleSchema = {
  whatsappWindow: z
    .object({
      channelId: z.string(),
      state: z.enum(['open', 'closed']),
      closesAt: z.string().nullable().describe('When the window closes (open), or closed (closed; null if the customer never wrote)'),
    })
    .nullable()
    .describe('WhatsApp’s 24-hour customer-service window of the customer’s latest message: free text goes only while it is open'),
  whatsappTemplates: z
    .array(z.object({ name: z.string(), usedFor: z.array(z.enum(TEMPLATE_KINDS)), languages: z.array(z.string()), bodyParameters: z.array(z.enum(TEMPLATE_PARAMETERS)) }))
    .describe('The approved templates an agent may name in a reply (`template`) to this WhatsApp customer'),
};

/** The WhatsApp window and pickable templates of a ticket, for the staff view. */
export async function whatsAppConsoleView(ticketId: string, nowMs: number) {
  const wa = await ticketWhatsApp(ticketId, nowMs);
  if (!wa) return { whatsappWindow: null, whatsappTemplates: [] };
  const instant = wa.window.state === 'open' ? wa.window.closesAtMs : wa.window.closedAtMs;
  return {
    whatsappWindow: { channelId: wa.channelId, state: wa.window.state, closesAt: instant === null ? null : new Date(instant).toISOString() },
    whatsappTemplates: wa.templates.filter(agentMayPick).map((t) => ({ name: t.name, usedFor: t.usedFor, languages: Object.keys(t.languages), bodyParameters: t.bodyParameters })),
  };
}

/** Refuses a reply's template unless the ticket's customer is on WhatsApp and its channel has that template for agents. */
export async function assertTemplatePickable(ticketId: string, name: string, nowMs: number): Promise<void> {
  const wa = await ticketWhatsApp(ticketId, nowMs);
  const pointer = '/body/template';
  if (!wa)
    throw new MeridianError('INCONSISTENT_INPUT', 'the ticket’s customer did not last write on WhatsApp: templates go only to WhatsApp customers', {
      errors: [{ pointer, message: 'the customer is not on WhatsApp' }],
    });
  const template = wa.templates.find((t) => t.name === name);
  if (!template) {
    const names = wa.templates.filter(agentMayPick).map((t) => t.name);
    throw new MeridianError('UNKNOWN_REFERENCE', `channel ${wa.channelId} has no approved template "${name}"`, {
      errors: [{ pointer, message: names.length ? `expected one of ${names.join(', ')}` : 'the channel has no templates configured' }],
    });
  }
  if (!agentMayPick(template))
    throw new MeridianError('INCONSISTENT_INPUT', `template "${name}" carries the survey link: it goes only with the survey`, { errors: [{ pointer, message: 'goes only with the survey' }] });
}
