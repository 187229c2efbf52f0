/**
 * Whether a message to a WhatsApp customer goes as an approved template: the one an agent picked, else, when the
 * 24-hour window is closed, the one the channel has for the message's kind; with its translation for the customer's
 * language and its body parameters filled from the ticket.
 */
import { templateBodyParameters, templateForKind, templateLanguageCode, type TemplateParameter, type WhatsAppTemplateConfig } from '../../domain/channels/whatsapp-templates';
import type { OutboundMessage } from '../../domain/outbound-message';
import type { TemplateSend } from '../channels/channel-senders';
import type { ChannelRoute } from './channel-route';

export type TemplateChoice = { send: TemplateSend } | { unusable: string } | null;

const VALUE_NAMES: Record<TemplateParameter, string> = {
  customerName: 'the customer’s name',
  ticketSubject: 'the ticket’s subject',
  queryCode: 'the query code',
  trackingUrl: 'the tracking link',
  surveyUrl: 'the survey link',
};

function pick(route: ChannelRoute, message: Pick<OutboundMessage, 'kind' | 'template'>): WhatsAppTemplateConfig | undefined {
  const templates = route.channel.templates;
  // An agent's pick that ops removed since: the message goes as if none had been picked.
  const picked = message.template ? templates.find((t) => t.name === message.template) : undefined;
  if (picked) return picked;
  return route.freeText ? undefined : templateForKind(templates, message.kind);
}

/** The template to send (null: none applies, the message goes as text or by e-mail); `unusable` says why one cannot go. */
export function whatsAppTemplateFor(
  route: ChannelRoute | null,
  message: Pick<OutboundMessage, 'kind' | 'template'>,
  values: Partial<Record<TemplateParameter, string>>,
  language: string,
): TemplateChoice {
  if (!route || route.channel.kind !== 'whatsapp') return null;
  const template = pick(route, message);
  if (!template) return null;
  const filled = templateBodyParameters(template, values);
  if ('missing' in filled) return { unusable: `template "${template.name}" needs ${VALUE_NAMES[filled.missing]}, which this ticket does not have` };
  return { send: { name: template.name, languageCode: templateLanguageCode(template, language), bodyParameters: filled.parameters } };
}

/** Why nothing went: the window is closed, no template fits, and there is no e-mail address to fall back on. */
export function noTemplateReason(route: ChannelRoute & { freeText: false }, kind: OutboundMessage['kind'], choice: TemplateChoice): string {
  const why = choice && 'unusable' in choice ? choice.unusable : `channel ${route.channel.id} has no approved template for ${kind} messages`;
  return `${route.reason}; ${why}, and the customer has no e-mail address: an agent must pick a template (a reply with "template")`;
}
