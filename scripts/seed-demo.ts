import { DEMO_DEPARTMENTS } from '../config/demo/departments';
import { DEMO_PROCESSES } from '../config/demo/processes';
import { DEMO_REGIONS } from '../config/demo/regions';
import { DEMO_SLA_POLICIES } from '../config/demo/sla-policies';
import { DEMO_TRIAGE_RULES } from '../config/demo/triage-rules';
import { loadConfig } from '../config/config';
import { DepartmentSchema } from '../domain/department';
import { ProcessBodySchema } from '../domain/processes/process';
import { RegionSchema } from '../domain/region';
import { SlaPolicySchema } from '../domain/sla-policy';
import { TriageRulesSchema } from '../domain/triage-rules';
import '../models/all.models';
import { connectDatabase, disconnectDatabase } from '../models/connection';
import { saveDepartment } from '../models/department.model';
import { createProcessVersion } from '../models/process.model';
import { saveRegion } from '../models/region.model';
import { saveSlaPolicy } from '../models/sla-policy.model';
import { saveTriageRules } from '../models/triage-rules.model';
import { applyBuiltInProcesses } from './builtin-processes';

const SEED = { actor: 'seed' };

/**
 * Stores the demo configuration through the same functions the API uses, in dependency order (regions, departments,
 * SLA policies, processes: the demo ones and the built-in ones of `processes/`, which use the demo departments; then
 * the triage rules, which name both). Unchanged objects are not written, so running it again creates no new versions
 * or revisions. `log` gets a line per built-in process (`built-in process/general-inquiry unchanged (v1)`).
 */
export async function seedDemoConfiguration(log: (line: string) => void = () => {}): Promise<void> {
  for (const region of DEMO_REGIONS) await saveRegion(RegionSchema.parse(region), SEED);
  for (const department of DEMO_DEPARTMENTS) await saveDepartment(DepartmentSchema.parse(department), SEED);
  for (const policy of DEMO_SLA_POLICIES) await saveSlaPolicy(SlaPolicySchema.parse(policy), SEED);
  for (const definition of DEMO_PROCESSES) await createProcessVersion(ProcessBodySchema.parse(definition), SEED);
  await applyBuiltInProcesses(log);
  await saveTriageRules(TriageRulesSchema.parse(DEMO_TRIAGE_RULES), SEED);
}

/** `tsx scripts/seed-demo.ts`: seeds the database named by MONGODB_URI. */
async function main(): Promise<void> {
  const config = loadConfig();
  await connectDatabase(config.mongodb.uri);
  try {
    await seedDemoConfiguration();
    process.stdout.write('demo configuration seeded\n');
  } finally {
    await disconnectDatabase();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
