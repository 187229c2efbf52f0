/** Whether an error is MongoDB's duplicate key error (E11000); FerretDB answers with the same code. */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** Whether a bulk insert failed only because some documents were there already (a retry of the same inserts). */
export function onlyDuplicateKeys(err: unknown): boolean {
  const reported = (err as { writeErrors?: unknown }).writeErrors;
  // The driver reports one write error as an object, several as an array; mongoose wraps each as { err, index }.
  const failures = Array.isArray(reported) ? reported : [reported ?? err];
  // An empty list is no proof that everything was stored: the driver wraps an error that stopped the whole batch (the
  // connection lost as the database died, FerretDB answering that PostgreSQL is gone, a write concern error) with no
  // write errors, and mongoose then lists every document as inserted.
  return failures.length > 0 && failures.every((f) => isDuplicateKeyError(f) || isDuplicateKeyError((f as { err?: unknown } | null)?.err));
}

/**
 * Runs an upsert once more when it failed with E11000: a concurrent request inserted the same `_id` first
 * (FerretDB does not retry such upserts itself, MongoDB mostly does). The second run matches that document.
 */
export async function retryOnDuplicateKey<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    return write();
  }
}
