/** How an inbound channel message reads on a ticket: its text, and a line for each attachment and location. */
import type { InboundMessageDoc } from '../../models/inbound-message.model';

const PLATFORM_NAMES: Record<InboundMessageDoc['kind'], string> = {
  whatsapp: 'WhatsApp',
  messenger: 'Messenger',
  instagram: 'Instagram',
  telegram: 'Telegram',
  line: 'LINE',
  webchat: 'web chat',
  email: 'E-mail',
};

/**
 * The message as one body: text first, then `[image: caption]`, `[location: name (lat, lng)]`, and an e-mail address a
 * web chat visitor typed (a claim for the agent to confirm: it finds no customer).
 */
export function describeInbound(m: Pick<InboundMessageDoc, 'kind' | 'text' | 'media' | 'location'> & { from?: Pick<InboundMessageDoc['from'], 'claimedEmail'> }): string {
  const parts = [
    ...(m.text?.trim() ? [m.text.trim()] : []),
    ...(m.media ?? []).map((x) => `[${x.type}${x.caption ? `: ${x.caption}` : x.fileName ? `: ${x.fileName}` : ''}]`),
    ...(m.location ? [`[location: ${[m.location.name ?? m.location.address, `(${m.location.lat}, ${m.location.lng})`].filter(Boolean).join(' ')}]`] : []),
    ...(m.from?.claimedEmail ? [`[e-mail given in the chat, not verified: ${m.from.claimedEmail}]`] : []),
  ];
  return parts.length > 0 ? parts.join('\n') : `[an empty ${PLATFORM_NAMES[m.kind]} message]`;
}

/** A new ticket's subject: the first line of the text (at most 120 characters), else which platform it came from. */
export function subjectOfInbound(m: Pick<InboundMessageDoc, 'kind' | 'text' | 'subject'>): string {
  const first = m.subject?.trim() ? m.subject : undefined;
  if (first) return clip(first.replace(/\s+/g, ' ').trim());
  const line = (m.text ?? '').split('\n').map((l) => l.trim()).find(Boolean);
  if (!line) return `${PLATFORM_NAMES[m.kind]} message`;
  return clip(line);
}

function clip(text: string): string {
  const chars = [...text];
  return chars.length <= 120 ? text : `${chars.slice(0, 119).join('')}…`;
}
