import { admitTicket } from '../services/intake/admit-ticket';

/** Admission: the workflow's first step writes the customer and the ticket from the intake request. */
export function createAdmissionActivities() {
  return { admitTicket };
}
