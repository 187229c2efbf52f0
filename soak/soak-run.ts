/**
 * One soak: start the stack, open and work the tickets while the chaos monkey kills servers, then let the system
 * settle and check what every server recorded against what the clients were told.
 */
import { connectDatabase, disconnectDatabase } from '../models/connection';
import { seedTestConfiguration } from '../tests/support/test-config';
import type { ActorContext } from './actors/actor-context';
import { runChaosMonkey } from './chaos-monkey';
import { ALL_CHECKS } from './checks/all-checks';
import { stillMissing, type CheckResult } from './checks/check';
import { observe } from './checks/observed';
import { drive } from './driver';
import { soakHttp, type SoakHttp } from './http-client';
import type { TicketRecord } from './ledger';
import type { SoakOutcome } from './report';
import { SOAK_SLA } from './soak-sla';
import { startSoakStack, type SoakStack } from './stack/soak-stack';

export interface SoakOptions {
  tickets: number;
  minutes: number;
  /** How long the checks may wait for the system to catch up after the last kill before reporting what is missing. */
  settleMinutes: number;
  log: (line: string) => void;
}

const MINUTE = 60_000;

/** Agent keys (support as Alice, escalations as Eve), made through the API as an admin would. */
async function agentKeys(http: SoakHttp, adminKey: string): Promise<Record<string, string>> {
  const keys: Record<string, string> = {};
  for (const [departmentId, memberId] of [['support', 'alice'], ['escalations', 'eve']] as const) {
    const body = { name: `soak ${memberId}`, role: 'agent', departmentIds: [departmentId], memberId };
    const answer = await http.send('POST', '/api/api-keys', { body, auth: adminKey });
    if (answer.status !== 201) throw new Error(`could not create the ${departmentId} agent key: ${answer.status}`);
    keys[departmentId] = (answer.body as { key: string }).key;
  }
  return keys;
}

/** Checks until nothing is missing any more (the system catching up) or the settle time is over. */
async function settleAndCheck(stack: SoakStack, ledger: TicketRecord[], options: SoakOptions): Promise<CheckResult[]> {
  const deadline = Date.now() + options.settleMinutes * MINUTE;
  let previous: CheckResult[] = [];
  for (;;) {
    let observed: Awaited<ReturnType<typeof observe>>;
    try {
      observed = await observe(stack.smtp, stack.env.TEMPORAL_ADDRESS as string);
    } catch (err) {
      // Right after the last kill a pooled connection can still be broken (FerretDB → a restarted PostgreSQL): the
      // checker reads again, as clients of the product retry; only the settle deadline ends that.
      if (Date.now() > deadline) throw err;
      options.log(`settling: reading the stores failed (${err instanceof Error ? err.message.slice(0, 120) : String(err)}); reading again`);
      await new Promise((r) => setTimeout(r, 5_000));
      continue;
    }
    const current = ALL_CHECKS.map((check) => check(observed, ledger));
    const results = current.map((r, i) => stillMissing(r, previous[i]));
    const lost = current.reduce((n, r) => n + r.lost, 0);
    if (lost === 0 || (Date.now() > deadline && previous.length > 0)) return lost === 0 ? current : results;
    const first = current.flatMap((r) => r.lostItems)[0];
    options.log(`settling: ${lost} missing so far (${current.filter((r) => r.lost).map((r) => r.name).join(', ')}), e.g. ${first}`);
    previous = current;
    await new Promise((r) => setTimeout(r, 5_000));
  }
}

/** Runs the soak and returns its outcome; the servers are stopped whatever happens. */
export async function runSoak(options: SoakOptions): Promise<SoakOutcome> {
  const durationMs = options.minutes * MINUTE;
  const stack = await startSoakStack(options.log, async (env) => {
    await connectDatabase(env.MONGODB_URI as string);
    await seedTestConfiguration(SOAK_SLA);
  });
  try {
    const http = soakHttp(stack.apiUrl, durationMs + 10 * MINUTE);
    const ctx: ActorContext = { http, adminKey: stack.adminKey, agentKeys: await agentKeys(http, stack.adminKey), waitMs: durationMs + 5 * MINUTE };
    options.log(`driving ${options.tickets} tickets for ${options.minutes} min; killing ${stack.targets.map((t) => t.name).join(', ')}`);
    const meanGapMs = Math.min(30_000, Math.max(4_000, durationMs / (stack.targets.length * 4)));
    const chaos = runChaosMonkey(stack.targets, { untilMs: Date.now() + durationMs, meanGapMs, log: options.log });
    const ledger = await drive(ctx, { tickets: options.tickets, openWindowMs: durationMs * 0.6, log: options.log });
    const kills = await chaos;
    options.log('chaos over, every server up; checking');
    const results = await settleAndCheck(stack, ledger, options);
    const sum = (key: 'lost' | 'duplicated') => results.reduce((n, r) => n + r[key], 0);
    return { tickets: options.tickets, kills, results, http: http.stats, lost: sum('lost'), duplicated: sum('duplicated') };
  } finally {
    await stack.stop();
    await disconnectDatabase();
  }
}
