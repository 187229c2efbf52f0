import { RegionSchema, type Region } from '../domain/region';
import { defineConfigCollection, type ConfigDoc, type SaveOptions } from './config-document';

// No secondary index: regions are read by _id (the region id) or listed whole (a handful per installation).
const regions = defineConfigCollection({ modelName: 'Region', collection: 'regions', kind: 'region', schema: RegionSchema });

export const RegionModel = regions.Model;

/** A region's calendar and quiet hours, or null when no such region is configured. */
export const getRegion = regions.get;

/** The stored region with its version, or null. */
export const getRegionDoc = regions.getDoc;

/** Every region, ordered by id. */
export async function listRegionDocs(): Promise<Array<ConfigDoc<Region>>> {
  return regions.listDocs();
}

/** Creates or replaces a region (a region refers to nothing else). */
export async function saveRegion(region: Region, options: SaveOptions) {
  return regions.save(region.id, region, options);
}

/** Which of `ids` are configured regions. */
export const existingRegionIds = regions.existingIds;
