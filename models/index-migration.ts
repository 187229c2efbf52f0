import mongoose from 'mongoose';

/** One collection's index changes: what `npm run migrate` drops (undeclared) and creates (declared, missing). */
export interface IndexChange {
  model: string;
  collection: string;
  /** Index names no model declares (any more): an obsolete Meridian index, or one a DBA made. */
  drop: string[];
  /** Indexes a model declares that the collection lacks, as `name (keys)`. */
  create: string[];
}

/** An index in the database has a declared index's name or keys but other options; boot never drops it. */
export class IndexMigrationRequiredError extends Error {
  constructor(
    readonly collection: string,
    detail: string,
  ) {
    super(`an index on ${collection} differs from what the models declare (${detail}); run \`npm run migrate\` to review and apply the change`);
    this.name = 'IndexMigrationRequiredError';
  }
}

const INDEX_CONFLICT_CODES = new Set([85, 86]); // IndexOptionsConflict, IndexKeySpecsConflict (MongoDB and FerretDB)

/**
 * Creates the indexes every registered model declares and the database lacks; never drops an index. An index with
 * the declared keys and options counts as present whatever its name (a DBA's, another version's).
 */
export async function ensureModelIndexes(): Promise<void> {
  for (const name of mongoose.modelNames()) {
    const model = mongoose.model(name);
    // Listed before the diff: an index another process (API and worker boot together) creates in between is then
    // either absent from `existing` or already equal in the diff, never mistaken for a clash.
    const existing = await existingIndexes(model);
    const toCreate = (await model.diffIndexes({ indexOptionsToCreate: true })).toCreate as DeclaredIndex[];
    if (toCreate.length === 0) continue;
    // A clash is checked here, not left to the server: MongoDB rejects such an index (85/86), FerretDB keeps the old one.
    for (const declared of toCreate) {
      const clash = existing.find((index) => index.name === indexName(declared) || sameKeys(index.key, declared[0]));
      if (clash) throw new IndexMigrationRequiredError(model.collection.collectionName, `${clash.name} has other options`);
    }
    try {
      // `toCreate` limits createIndexes to those indexes; mongoose's own syncIndexes passes it the same way.
      await model.createIndexes({ toCreate } as unknown as Parameters<typeof model.createIndexes>[0]);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'number' && INDEX_CONFLICT_CODES.has(code)) throw new IndexMigrationRequiredError(model.collection.collectionName, (err as Error).message);
      throw err;
    }
  }
}

/**
 * The index changes that would bring every registered model's collection in line with its schema, leaving out
 * drops named in `keep` (`collection.indexName`). Reads only (listIndexes), so it is safe on a live database.
 */
export async function planIndexMigration(keep: readonly string[] = []): Promise<IndexChange[]> {
  const changes: IndexChange[] = [];
  for (const name of mongoose.modelNames()) {
    const model = mongoose.model(name);
    const collection = model.collection.collectionName;
    const diff = await model.diffIndexes({ indexOptionsToCreate: true });
    const drop = (diff.toDrop as string[]).filter((index) => !keep.includes(`${collection}.${index}`));
    const create = (diff.toCreate as DeclaredIndex[]).map(describeIndex);
    if (drop.length || create.length) changes.push({ model: name, collection, drop, create });
  }
  return changes;
}

/** Applies a plan: drops its indexes first (a changed index is dropped, then created anew), then creates the missing. */
export async function applyIndexMigration(changes: readonly IndexChange[]): Promise<void> {
  for (const change of changes) {
    const model = mongoose.model(change.model);
    for (const index of change.drop) await model.collection.dropIndex(index);
  }
  await ensureModelIndexes();
}

/** A declared index as mongoose's diffIndexes reports it: keys and options. */
type DeclaredIndex = [Record<string, unknown>, { name?: string }];

/** The indexes the model's collection has (none while the collection does not exist). */
async function existingIndexes(model: Pick<mongoose.Model<unknown>, 'listIndexes'>): Promise<Array<{ name: string; key: Record<string, unknown> }>> {
  try {
    return await model.listIndexes();
  } catch (err) {
    if ((err as { codeName?: string }).codeName === 'NamespaceNotFound') return [];
    throw err;
  }
}

function sameKeys(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(Object.entries(a)) === JSON.stringify(Object.entries(b));
}

/** The declared name, else the server's default (`field_1_other_-1`). */
function indexName([keys, options]: DeclaredIndex): string {
  return options.name ?? Object.entries(keys).map(([field, direction]) => `${field}_${String(direction)}`).join('_');
}

function describeIndex(declared: DeclaredIndex): string {
  return `${indexName(declared)} ${JSON.stringify(declared[0])}`;
}
