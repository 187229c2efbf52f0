import mongoose from 'mongoose';
import { ensureModelIndexes } from './index-migration';

/** Timeouts that turn a missing database into a quick 503 instead of a hung request. */
const CONNECT_OPTIONS: mongoose.ConnectOptions = {
  serverSelectionTimeoutMS: 5_000,
  connectTimeoutMS: 5_000,
  socketTimeoutMS: 30_000,
  maxPoolSize: 20,
  // Indexes are created by ensureModelIndexes below (missing ones only, with a typed error on a conflict), not by
  // mongoose in the background on every model.
  autoIndex: false,
};

/**
 * Connects mongoose and creates the indexes that every model imported so far declares and the database lacks.
 * It never drops an index (another version's, or one a DBA made): that is `npm run migrate`'s job.
 * Import the models (or the modules that use them) before calling this.
 */
export async function connectDatabase(uri: string, options: mongoose.ConnectOptions = {}): Promise<typeof mongoose> {
  await mongoose.connect(uri, { ...CONNECT_OPTIONS, ...options });
  await ensureModelIndexes();
  return mongoose;
}

/** Connects mongoose without creating collections or indexes: `npm run migrate` lists changes before it makes them. */
export async function connectDatabaseForMigration(uri: string): Promise<void> {
  await mongoose.connect(uri, { ...CONNECT_OPTIONS, autoCreate: false });
}

/** Closes the connection pool; safe to call when not connected. */
export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}
