/** Whether an error is MongoDB's duplicate key error (E11000); FerretDB answers with the same code. */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}
