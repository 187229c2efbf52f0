/**
 * `npm run migrate [-- --apply] [--keep <collection>.<index> …]`: compares the indexes of the database at MONGODB_URI
 * with those the models declare and lists what would change: indexes no model declares (dropped: an obsolete one,
 * or one a DBA made; keep those with --keep) and declared ones that are missing (created). Changes nothing unless
 * --apply is given. Boot only ever creates missing indexes.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadDatabaseConfig } from '../config/config';
import '../models/all.models';
import { connectDatabaseForMigration, disconnectDatabase } from '../models/connection';
import { applyIndexMigration, planIndexMigration, type IndexChange } from '../models/index-migration';

const MigrateArgsSchema = z.strictObject({
  apply: z.boolean().default(false),
  keep: z.array(z.string().regex(/^[^.\s]+\.\S+$/, 'expected <collection>.<index>, e.g. tickets.subject_1')).default([]),
});

function describe(changes: IndexChange[]): string[] {
  return changes.flatMap(({ collection, drop, create }) => [
    ...drop.map((index) => `  ${collection}: drop ${index} (no model declares it)`),
    ...create.map((index) => `  ${collection}: create ${index}`),
  ]);
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, strict: true, options: { apply: { type: 'boolean' }, keep: { type: 'string', multiple: true } } });
  const args = MigrateArgsSchema.parse(values);
  const { uri } = loadDatabaseConfig();
  await connectDatabaseForMigration(uri);
  try {
    const changes = await planIndexMigration(args.keep);
    const lines = describe(changes);
    if (lines.length === 0) {
      console.log('meridian migrate: the indexes match the models; nothing to do');
    } else if (!args.apply) {
      console.log(`meridian migrate: ${lines.length} index change(s):\n${lines.join('\n')}`);
      console.log('dry run, nothing changed: apply with `npm run migrate -- --apply` (keep an index with --keep <collection>.<index>)');
    } else {
      console.log(`meridian migrate: applying ${lines.length} index change(s):\n${lines.join('\n')}`);
      await applyIndexMigration(changes);
      console.log('applied');
    }
  } finally {
    await disconnectDatabase();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`meridian migrate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
