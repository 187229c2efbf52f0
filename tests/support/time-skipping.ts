import { Connection } from '@temporalio/client';
// Internal SDK options, the same ones @temporalio/testing uses: the client exposes `testService` only when asked to.
import { InternalConnectionOptionsSymbol, type InternalConnectionOptions } from '@temporalio/client/lib/connection';
import { msToTs, tsToMs } from '@temporalio/common/lib/time';
import { ensureTestServerClasspath } from '../../scripts/stack/test-server-classpath';
import { startTemporalTestServer } from '../../scripts/stack/temporal-test-server';

export interface TimeSkippingServer {
  address: string;
  /** A client connection to it with the test service enabled. */
  connection: Connection;
  /** Server time (epoch ms): the wall clock plus everything skipped so far. */
  now(): number;
  /** Server time as the server reports it right now, also in the middle of a skip (epoch ms). */
  currentTime(): Promise<number>;
  /**
   * Moves server time forward by `ms`, firing every timer on the way. Resolves once server time got there; the server
   * does not move time while workflow or activity tasks are in flight, so what the fired timers started has run.
   */
  skipTime(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A private Temporal time-skipping test server (one per test file: a skip moves time for every workflow on it).
 * Time skipping stays locked except during `skipTime`, so in between, server time follows the wall clock.
 */
export async function startTimeSkippingServer(): Promise<TimeSkippingServer> {
  const server = await startTemporalTestServer({ classpath: await ensureTestServerClasspath() });
  try {
    const options: InternalConnectionOptions = { address: server.address, [InternalConnectionOptionsSymbol]: { supportsTestService: true } };
    const connection = await Connection.connect(options);
    const testService = connection.testService;
    if (!testService) throw new Error('the Temporal client did not enable the test service');
    let offsetMs = 0;
    const currentTime = async () => tsToMs((await testService.getCurrentTime({})).time);
    const syncClock = async () => {
      offsetMs = (await currentTime()) - Date.now();
    };
    await syncClock();
    return {
      address: server.address,
      connection,
      now: () => Date.now() + offsetMs,
      currentTime,
      async skipTime(ms) {
        await testService.unlockTimeSkippingWithSleep({ duration: msToTs(ms) });
        await syncClock();
      },
      async stop() {
        await connection.close();
        await server.stop();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
