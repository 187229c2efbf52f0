/** The Temporal dev server's SQLite database on disk: the file plus its write-ahead log and shared-memory index. */
import fs from 'node:fs/promises';

/** Bytes of `<dbFile>`, `<dbFile>-wal` and `<dbFile>-shm` together (a missing one counts 0). */
export async function temporalStorageBytes(dbFile: string): Promise<number> {
  const sizes = await Promise.all(['', '-wal', '-shm'].map((suffix) => fs.stat(`${dbFile}${suffix}`).then((s) => s.size, () => 0)));
  return sizes.reduce((a, b) => a + b, 0);
}
