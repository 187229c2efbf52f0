import { Schema, model, type FilterQuery, type Model, type SchemaDefinition } from 'mongoose';
import type { z } from 'zod';
import { MeridianError } from '../domain/errors';
import { withConfigLock } from './config-lock.model';
import { recordConfigRevision, type ConfigKind } from './config-revision.model';
import { parseStored } from './stored';

/** A configuration object as stored: the validated body, its version (1, 2, …) and when it last changed. */
export interface ConfigDoc<T> {
  _id: string;
  body: T;
  version: number;
  updatedAt: Date;
}

/** What the API returns for a stored configuration object. */
export type ConfigResource<T> = T & { version: number; updatedAt: string };

/** Schema fields every versioned configuration collection shares. */
export const CONFIG_DOC_FIELDS = {
  _id: { type: String, required: true },
  body: { type: Schema.Types.Mixed, required: true },
  version: { type: Number, required: true, min: 1 },
  updatedAt: { type: Date, required: true },
};

/** minimize: false keeps empty objects (`next: {}`) so a stored body equals the body that was sent. */
export const CONFIG_SCHEMA_OPTIONS = { versionKey: false, minimize: false } as const;

export interface SaveOptions {
  /** The key id (or "seed") recorded in the revision log. */
  actor: string;
  /** From `If-Match`: the write only succeeds if the stored version is this one. */
  expectedVersion?: number;
}

/** JSON with sorted keys: equal bodies give equal strings whatever the stored key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** The stored body and version as the API shows them. */
export function toConfigResource<T>(doc: ConfigDoc<T>): ConfigResource<T> {
  return { ...doc.body, version: doc.version, updatedAt: doc.updatedAt.toISOString() };
}

/** Throws UNKNOWN_REFERENCE (422) listing every reference that does not exist; does nothing when all do. */
export function assertNoUnknownReferences(problems: Array<{ pointer: string; message: string }>): void {
  if (problems.length > 0) {
    throw new MeridianError('UNKNOWN_REFERENCE', 'the body refers to objects that do not exist', { errors: problems });
  }
}

/**
 * Creates or replaces one configuration object and appends a revision, under the object's write lock
 * (so If-Match is a true compare-and-set, and concurrent writers get distinct versions, on MongoDB and FerretDB).
 * A body equal to the stored one changes nothing (no new version), so seeding twice is a no-op.
 */
export async function saveConfigDoc<T, D extends ConfigDoc<T> = ConfigDoc<T>>(
  model: Model<D>,
  kind: ConfigKind,
  id: string,
  body: T,
  options: SaveOptions,
  extraFields: Record<string, unknown> = {},
): Promise<{ doc: ConfigDoc<T>; created: boolean; changed: boolean }> {
  const plain = JSON.parse(JSON.stringify(body)) as T; // no undefined, no prototypes: exactly what is stored
  return withConfigLock(`${kind}/${id}`, async () => {
    const current = await model.findById(id).lean<ConfigDoc<T>>();
    if (options.expectedVersion !== undefined && current?.version !== options.expectedVersion) {
      throw new MeridianError('VERSION_CONFLICT', `${kind} "${id}" is not at the version given in If-Match`, {
        currentVersion: current?.version ?? null,
      });
    }
    if (current && canonicalJson(current.body) === canonicalJson(plain)) return { doc: current, created: false, changed: false };
    const doc: ConfigDoc<T> = { _id: id, body: plain, version: (current?.version ?? 0) + 1, updatedAt: new Date() };
    const { _id: _unchangedId, ...fields } = doc;
    if (current) await model.updateOne({ _id: id }, { $set: { ...fields, ...extraFields } });
    else await model.create({ ...doc, ...extraFields });
    await recordConfigRevision({ kind, configId: id, version: doc.version, body: plain, actor: options.actor });
    return { doc, created: !current, changed: true };
  });
}

/** One versioned configuration collection: where it is stored and what its bodies must look like. */
export interface ConfigCollectionDef<T> {
  modelName: string;
  collection: string;
  /** Names the object in revisions, write locks and "stored … is invalid" errors. */
  kind: ConfigKind;
  /** Stored bodies are re-validated with it on the way out (current defaults, typed values). */
  schema: z.ZodType<T>;
  /** Top-level fields stored beside the body, such as an SLA policy's regionId. */
  extraFields?: SchemaDefinition;
  /** Secondary indexes (`schema.index` arguments); the caller comments the query each one serves. */
  indexes?: Array<Parameters<Schema['index']>>;
}

/**
 * Defines the model of one configuration collection (`_id` is the object's id) and the reads and the write
 * every such collection shares. Reads are lean and re-validate the stored body; lists are ordered by id.
 */
export function defineConfigCollection<T, D extends ConfigDoc<T> = ConfigDoc<T>>(def: ConfigCollectionDef<T>) {
  const schema = new Schema<D>({ ...CONFIG_DOC_FIELDS, ...def.extraFields }, { ...CONFIG_SCHEMA_OPTIONS, collection: def.collection });
  for (const [fields, options] of def.indexes ?? []) schema.index(fields, options);
  const ConfigModel = model<D>(def.modelName, schema);
  const toDoc = (doc: D): D => ({ ...doc, body: parseStored(def.schema, doc.body, def.kind, doc._id) });

  const findDoc = async (filter: FilterQuery<D>): Promise<D | null> => {
    const doc = await ConfigModel.findOne(filter).lean<D>();
    return doc ? toDoc(doc) : null;
  };
  const getDoc = (id: string): Promise<D | null> => findDoc({ _id: id });
  return {
    Model: ConfigModel,
    /** The first stored object matching `filter`, with its version, or null. */
    findDoc,
    /** The stored object with its version, or null. */
    getDoc,
    /** The object's body alone, or null when it is not configured. */
    get: async (id: string): Promise<T | null> => (await getDoc(id))?.body ?? null,
    /** Stored objects matching `filter` (default: all), ordered by id. */
    listDocs: async (filter: FilterQuery<D> = {}): Promise<D[]> =>
      (await ConfigModel.find(filter).sort({ _id: 1 }).lean<D[]>()).map(toDoc),
    /** Which of `ids` are configured. */
    existingIds: async (ids: string[]): Promise<Set<string>> => {
      if (ids.length === 0) return new Set();
      const found = await ConfigModel.find({ _id: { $in: ids } }, { _id: 1 }).lean<Array<{ _id: string }>>();
      return new Set(found.map((d) => d._id));
    },
    /** Creates or replaces the object `id` (see saveConfigDoc); `extraFields` are stored beside the body. */
    save: (id: string, body: T, options: SaveOptions, extraFields?: Record<string, unknown>) =>
      saveConfigDoc<T, D>(ConfigModel, def.kind, id, body, options, extraFields),
  };
}
