/**
 * WhatsApp's customer-service window: for 24 hours after the customer's last message a business may send free-form
 * messages; outside it only an approved template may open the conversation again (Cloud API "text messages").
 * Every instant is an argument (no clock here).
 */

export const WHATSAPP_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

export type WhatsAppWindow =
  | { state: 'open'; freeTextAllowed: true; closesAtMs: number }
  | { state: 'closed'; freeTextAllowed: false; templateRequired: true; closedAtMs: number | null };

/**
 * Whether a free-text reply may go to the customer now. `lastCustomerMessageAtMs` is the platform timestamp of the
 * customer's latest inbound message (null if they never wrote); the window is open while now < last + 24 h.
 */
export function whatsAppWindow(lastCustomerMessageAtMs: number | null, nowMs: number): WhatsAppWindow {
  if (lastCustomerMessageAtMs === null) return { state: 'closed', freeTextAllowed: false, templateRequired: true, closedAtMs: null };
  const closesAtMs = lastCustomerMessageAtMs + WHATSAPP_SERVICE_WINDOW_MS;
  return nowMs < closesAtMs
    ? { state: 'open', freeTextAllowed: true, closesAtMs }
    : { state: 'closed', freeTextAllowed: false, templateRequired: true, closedAtMs: closesAtMs };
}
