/** What a ticket is about beyond its text: the refund a customer asks for and the platform account concerned. */
import type { Money } from './messages/templates';

export interface RefundRequest {
  amount: Money;
  /** The gateway's id of the payment to refund (a Stripe PaymentIntent id, for example). */
  paymentId: string;
}

export interface TicketCase {
  refund: RefundRequest | null;
  /** The customer's account on the platform (restrictions apply to it). */
  accountId: string | null;
}
