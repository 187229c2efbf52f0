import { Schema, model } from 'mongoose';

export const CONFIG_KINDS = ['region', 'department', 'sla-policy', 'triage-rules', 'process'] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

/** One change to the configuration: what changed, to which version, by whom and when (append-only audit). */
export interface ConfigRevisionDoc {
  /** `<kind>/<configId>@<version>`: recording the same revision twice keeps one entry. */
  _id: string;
  kind: ConfigKind;
  configId: string;
  version: number;
  body: unknown;
  actor: string;
  at: Date;
}

const configRevisionSchema = new Schema<ConfigRevisionDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true, enum: CONFIG_KINDS },
    configId: { type: String, required: true },
    version: { type: Number, required: true },
    body: { type: Schema.Types.Mixed, required: true },
    actor: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, minimize: false, collection: 'config_revisions' },
);
// History of one object, newest first: find({ kind, configId }).sort({ version: -1 }).
configRevisionSchema.index({ kind: 1, configId: 1, version: -1 });

export const ConfigRevisionModel = model<ConfigRevisionDoc>('ConfigRevision', configRevisionSchema);

/** Appends a revision to the audit log; idempotent per (kind, id, version). */
export async function recordConfigRevision(entry: Omit<ConfigRevisionDoc, '_id' | 'at'>): Promise<void> {
  const _id = `${entry.kind}/${entry.configId}@${entry.version}`;
  await ConfigRevisionModel.updateOne({ _id }, { $setOnInsert: { ...entry, at: new Date() } }, { upsert: true });
}

/** The change history of one configuration object, newest first. */
export async function listConfigRevisions(kind: ConfigKind, configId: string): Promise<ConfigRevisionDoc[]> {
  return ConfigRevisionModel.find({ kind, configId }).sort({ version: -1 }).lean<ConfigRevisionDoc[]>();
}
