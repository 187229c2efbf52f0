import { createHash, createHmac, randomBytes } from 'node:crypto';
import { keyRing, type Secrets } from '../../config/derived-keys';
import { MeridianError } from '../../domain/errors';
import { IntakeRequestModel, type IntakeRequestDoc } from '../../models/intake-request.model';
import { retryOnDuplicateKey } from '../../models/mongo-errors';

/** The ticket an Idempotency-Key stands for, and whether an earlier request already reserved it. */
export interface IntakeReservation {
  ticketId: string;
  replayed: boolean;
}

function fingerprint(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

function reservationId(key: Buffer, idempotencyKey: string): string {
  return createHmac('sha256', key).update(`intake:${idempotencyKey}`).digest('hex');
}

/** A reservation an earlier request made under a key a rotation still accepts (previous or pre-derivation secret). */
async function findOlderReservation(secrets: Secrets, idempotencyKey: string): Promise<IntakeRequestDoc | null> {
  for (const key of keyRing(secrets, 'intakeIdempotency').accepted.slice(1)) {
    const doc = await IntakeRequestModel.findById(reservationId(key, idempotencyKey)).lean();
    if (doc) return doc;
  }
  return null;
}

/** One intake request per key; the same key with another body is refused rather than silently ignored. */
export async function reserveIntake(secrets: Secrets, idempotencyKey: string, request: unknown): Promise<IntakeReservation> {
  const _id = reservationId(keyRing(secrets, 'intakeIdempotency').current, idempotencyKey);
  const print = fingerprint(request);
  const fresh = `tkt_${randomBytes(12).toString('base64url')}`;
  const doc =
    (await findOlderReservation(secrets, idempotencyKey)) ??
    (await retryOnDuplicateKey(() =>
      IntakeRequestModel.findOneAndUpdate(
        { _id },
        { $setOnInsert: { ticketId: fresh, fingerprint: print, createdAt: new Date() } },
        { upsert: true, new: true },
      ).lean(),
    ));
  if (!doc) throw new MeridianError('INTERNAL', 'intake reservation failed');
  if (doc.fingerprint !== print)
    throw new MeridianError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used with a different request body');
  return { ticketId: doc.ticketId, replayed: doc.ticketId !== fresh };
}
