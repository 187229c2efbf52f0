/** One way tickets come in. Add a file per channel (e-mail, chat …) and list it in INTAKE_PATHS. */
import type { TicketRecord } from '../ledger';
import type { ActorContext } from './actor-context';
import { webIntake } from './web-intake';

export interface IntakePath {
  name: string;
  /** Opens the ticket of `rec` (retrying as documented) and sets its id and query code. */
  open(ctx: ActorContext, rec: TicketRecord): Promise<void>;
}

/** Every intake path that exists; the driver uses them in turn. */
export const INTAKE_PATHS: IntakePath[] = [webIntake];
