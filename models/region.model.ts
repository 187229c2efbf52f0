import { Schema, model } from 'mongoose';
import { RegionSchema, type Region } from '../domain/region';
import { CONFIG_DOC_FIELDS, CONFIG_SCHEMA_OPTIONS, saveConfigDoc, type ConfigDoc, type SaveOptions } from './config-document';
import { parseStored } from './stored';

const regionSchema = new Schema<ConfigDoc<Region>>(CONFIG_DOC_FIELDS, { ...CONFIG_SCHEMA_OPTIONS, collection: 'regions' });
// No secondary index: regions are read by _id (the region id) or listed whole (a handful per installation).

export const RegionModel = model<ConfigDoc<Region>>('Region', regionSchema);

/** A region's calendar and quiet hours, or null when no such region is configured. */
export async function getRegion(id: string): Promise<Region | null> {
  const doc = await getRegionDoc(id);
  return doc ? doc.body : null;
}

/** The stored region with its version, or null. */
export async function getRegionDoc(id: string): Promise<ConfigDoc<Region> | null> {
  const doc = await RegionModel.findById(id).lean<ConfigDoc<Region>>();
  return doc ? { ...doc, body: parseStored(RegionSchema, doc.body, 'region', id) } : null;
}

/** Every region, ordered by id. */
export async function listRegionDocs(): Promise<Array<ConfigDoc<Region>>> {
  const docs = await RegionModel.find().sort({ _id: 1 }).lean<Array<ConfigDoc<Region>>>();
  return docs.map((d) => ({ ...d, body: parseStored(RegionSchema, d.body, 'region', d._id) }));
}

/** Creates or replaces a region (a region refers to nothing else). */
export async function saveRegion(region: Region, options: SaveOptions) {
  return saveConfigDoc(RegionModel, 'region', region.id, region, options);
}

/** Which of `ids` are configured regions. */
export async function existingRegionIds(ids: string[]): Promise<Set<string>> {
  const found = await RegionModel.find({ _id: { $in: ids } }, { _id: 1 }).lean<Array<{ _id: string }>>();
  return new Set(found.map((d) => d._id));
}
