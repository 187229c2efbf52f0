import { createHash, createHmac, randomBytes } from 'node:crypto';
import { deriveKey, type Secrets } from '../../config/derived-keys';
import { MeridianError } from '../../domain/errors';
import { IntakeRequestModel, type IntakeRequestDoc, type StoredIntakeRequest } from '../../models/intake-request.model';
import { retryOnDuplicateKey } from '../../models/mongo-errors';

/** The ticket an Idempotency-Key stands for, and what earlier requests with that key already did. */
export interface IntakeReservation {
  /** The reservation's id: the workflow's first activity reads the request from it. */
  intakeId: string;
  ticketId: string;
  replayed: boolean;
  /** The workflow has written the ticket already (a retry need not start it again). */
  admitted: boolean;
  receivedAtMs: number;
}

function fingerprint(request: StoredIntakeRequest): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

function reservationId(key: Buffer, idempotencyKey: string): string {
  return createHmac('sha256', key).update(`intake:${idempotencyKey}`).digest('hex');
}

/** During a rotation: the reservation a request made under the previous secret (its key is kept for minutes, not months). */
async function findPreviousReservation(secrets: Secrets, idempotencyKey: string): Promise<IntakeRequestDoc | null> {
  if (!secrets.previousSecret) return null;
  return IntakeRequestModel.findById(reservationId(deriveKey(secrets.previousSecret, 'intakeIdempotency'), idempotencyKey)).lean();
}

/**
 * One intake request per key, stored with the request itself (one round trip); the same key with another body is
 * refused rather than silently ignored.
 */
export async function reserveIntake(secrets: Secrets, idempotencyKey: string, request: StoredIntakeRequest, now: Date): Promise<IntakeReservation> {
  const _id = reservationId(deriveKey(secrets.secret, 'intakeIdempotency'), idempotencyKey);
  const print = fingerprint(request);
  const fresh = `tkt_${randomBytes(12).toString('base64url')}`;
  // During a rotation the first attempt may have reserved under the previous secret; look there first, so the
  // current key never holds a second, orphaned reservation for the same request.
  const doc =
    (await findPreviousReservation(secrets, idempotencyKey)) ??
    (await retryOnDuplicateKey(() =>
      IntakeRequestModel.findOneAndUpdate(
        { _id },
        { $setOnInsert: { ticketId: fresh, fingerprint: print, request, admittedAt: null, createdAt: now } },
        { upsert: true, new: true },
      ).lean(),
    ));
  if (!doc) throw new MeridianError('INTERNAL', 'intake reservation failed');
  if (doc.fingerprint !== print)
    throw new MeridianError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used with a different request body');
  return { intakeId: doc._id, ticketId: doc.ticketId, replayed: doc.ticketId !== fresh, admitted: !!doc.admittedAt, receivedAtMs: doc.createdAt.getTime() };
}
