/**
 * Kills one server at a time with SIGKILL at random moments and starts it again, going through every target in a
 * shuffled order each round, until the deadline has passed and every target was killed at least once.
 */
import type { ChaosTarget } from './stack/chaos-target';

export interface Kill {
  target: string;
  /** From the SIGKILL until the restarted server served again. */
  recoveryMs: number;
}

export interface ChaosOptions {
  untilMs: number;
  /** Mean pause between one server's recovery and the next kill. */
  meanGapMs: number;
  log: (line: string) => void;
}

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the monkey; resolves with every kill once it stopped (all servers up again). */
export async function runChaosMonkey(targets: ChaosTarget[], options: ChaosOptions): Promise<Kill[]> {
  const kills: Kill[] = [];
  const everyKilled = () => targets.every((t) => kills.some((k) => k.target === t.name));
  while (Date.now() < options.untilMs || !everyKilled()) {
    for (const target of shuffled(targets)) {
      if (Date.now() >= options.untilMs && everyKilled()) break;
      await sleep(options.meanGapMs * (0.5 + Math.random()));
      const killedAt = Date.now();
      await target.kill();
      await sleep(Math.random() * 2_000); // down for a moment, as a supervisor's restart delay
      await target.restart();
      const recoveryMs = Date.now() - killedAt;
      kills.push({ target: target.name, recoveryMs });
      options.log(`killed ${target.name} (SIGKILL), back after ${(recoveryMs / 1000).toFixed(1)} s`);
    }
  }
  return kills;
}
