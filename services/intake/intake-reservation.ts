import { createHash, createHmac, randomBytes } from 'node:crypto';
import { MeridianError } from '../../domain/errors';
import { IntakeRequestModel } from '../../models/intake-request.model';
import { retryOnDuplicateKey } from '../../models/mongo-errors';

/** The ticket an Idempotency-Key stands for, and whether an earlier request already reserved it. */
export interface IntakeReservation {
  ticketId: string;
  replayed: boolean;
}

function fingerprint(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/** One intake request per key; the same key with another body is refused rather than silently ignored. */
export async function reserveIntake(secret: string, idempotencyKey: string, request: unknown): Promise<IntakeReservation> {
  const _id = createHmac('sha256', secret).update(`intake:${idempotencyKey}`).digest('hex');
  const print = fingerprint(request);
  const fresh = `tkt_${randomBytes(12).toString('base64url')}`;
  const doc = await retryOnDuplicateKey(() =>
    IntakeRequestModel.findOneAndUpdate(
      { _id },
      { $setOnInsert: { ticketId: fresh, fingerprint: print, createdAt: new Date() } },
      { upsert: true, new: true },
    ).lean(),
  );
  if (!doc) throw new MeridianError('INTERNAL', 'intake reservation failed');
  if (doc.fingerprint !== print)
    throw new MeridianError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used with a different request body');
  return { ticketId: doc.ticketId, replayed: doc.ticketId !== fresh };
}
