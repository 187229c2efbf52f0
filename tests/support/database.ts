import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';

export interface TestDatabase {
  /** Full URI of this test's database. */
  uri: string;
  dbName: string;
  /** Drops the database, then disconnects mongoose. */
  disconnect(): Promise<void>;
}

/** Connects mongoose's default connection to a fresh, uniquely named database on the test server. */
export async function connectTestDatabase(): Promise<TestDatabase> {
  const base = process.env.MONGODB_URI;
  if (!base) {
    throw new Error('MONGODB_URI is not set: run tests through jest, whose global setup starts the test servers');
  }
  const dbName = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const uri = withDatabase(base, dbName);
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  return {
    uri,
    dbName,
    async disconnect() {
      await mongoose.connection.dropDatabase();
      await mongoose.disconnect();
    },
  };
}

/** `mongodb://h:1` or `mongodb://h:1/other?x=y` → `mongodb://h:1/<dbName>` (keeping any query string). */
export function withDatabase(baseUri: string, dbName: string): string {
  const [beforeQuery = '', query] = baseUri.split(/\?(.*)/s);
  const schemeEnd = beforeQuery.indexOf('://') + 3;
  const slash = beforeQuery.indexOf('/', schemeEnd);
  const hosts = slash === -1 ? beforeQuery : beforeQuery.slice(0, slash);
  return `${hosts}/${dbName}${query ? `?${query}` : ''}`;
}
