import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Schema, model } from 'mongoose';
import { MeridianError } from '../domain/errors';
import { isDuplicateKeyError } from './mongo-errors';

/**
 * A short-lived write lock on one configuration object. Inserting a unique `_id` is the one atomic step that
 * MongoDB and FerretDB share (FerretDB runs findAndModify/update as a read then a write, so a conditional
 * update is not a compare-and-set there); holding the lock makes read-check-write safe on both.
 */
export interface ConfigLockDoc {
  /** `<kind>/<id>` of the object being written. */
  _id: string;
  token: string;
  at: Date;
}

const configLockSchema = new Schema<ConfigLockDoc>(
  { _id: { type: String, required: true }, token: { type: String, required: true }, at: { type: Date, required: true } },
  { versionKey: false, collection: 'config_locks' },
);
// No secondary index: locks are taken and released by _id; a crashed holder's lock is taken over when stale.

export const ConfigLockModel = model<ConfigLockDoc>('ConfigLock', configLockSchema);

const WAIT_MS = 5_000;
/** Far longer than any config write; a lock this old belongs to a process that died mid-write. */
const STALE_MS = 30_000;

/** Runs `fn` while holding the lock on `key`; waits up to 5 s for another writer, then answers 409 CONFLICT. */
export async function withConfigLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const token = randomUUID();
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      await ConfigLockModel.create({ _id: key, token, at: new Date() });
      break;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      await ConfigLockModel.deleteOne({ _id: key, at: { $lt: new Date(Date.now() - STALE_MS) } });
      if (Date.now() > deadline) throw new MeridianError('CONFLICT', `${key} is being changed by another request, retry`);
      await sleep(10 + Math.floor(Math.random() * 30));
    }
  }
  try {
    return await fn();
  } finally {
    await ConfigLockModel.deleteOne({ _id: key, token });
  }
}
