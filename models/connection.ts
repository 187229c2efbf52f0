import mongoose from 'mongoose';

/** Timeouts that turn a missing database into a quick 503 instead of a hung request. */
const CONNECT_OPTIONS: mongoose.ConnectOptions = {
  serverSelectionTimeoutMS: 5_000,
  connectTimeoutMS: 5_000,
  socketTimeoutMS: 30_000,
  maxPoolSize: 20,
};

/**
 * Connects mongoose and brings the indexes of every model imported so far in line with their schemas.
 * Import the models (or the modules that use them) before calling this.
 */
export async function connectDatabase(uri: string, options: mongoose.ConnectOptions = {}): Promise<typeof mongoose> {
  await mongoose.connect(uri, { ...CONNECT_OPTIONS, ...options });
  await syncModelIndexes();
  return mongoose;
}

/** Creates missing indexes (and drops stale ones) for every registered model. */
export async function syncModelIndexes(): Promise<void> {
  for (const name of mongoose.modelNames()) await mongoose.model(name).syncIndexes();
}

/** Closes the connection pool; safe to call when not connected. */
export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}
