import path from 'node:path';
import { concretePort } from './free-port';
import { startServerProcess } from './server-process';
import { findOnPath, isExecutable } from './which';

export interface TemporalTestServerOptions {
  /** Directory holding the server's jars (`ensureTestServerClasspath`). */
  classpath: string;
  /** gRPC port; a free one when 0 or omitted. */
  port?: number;
  readyTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface TemporalTestServer {
  /** host:port for `Connection.connect({ address })`. */
  address: string;
  stop(): Promise<void>;
}

// A short-lived server on a small machine: the client compiler only and a single-threaded GC start it in ~0.7 s
// instead of ~1 s; its log (slf4j-simple) keeps warnings and errors, which end up in the start-up failure message.
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn'];

/**
 * Starts Temporal's time-skipping test server (Java) and resolves once its gRPC port accepts connections. It keeps
 * everything in memory and starts with time skipping locked: server time follows the wall clock until a client
 * unlocks it (`testService.unlockTimeSkippingWithSleep`). It listens on every interface (it has no bind option).
 */
export async function startTemporalTestServer(options: TemporalTestServerOptions): Promise<TemporalTestServer> {
  const port = await concretePort(options.port);
  const args = [...JVM_FLAGS, '-cp', path.join(options.classpath, '*'), 'io.temporal.testserver.TestServer', String(port)];
  const server = await startServerProcess({
    name: 'Temporal test server',
    command: javaCommand(options.env),
    args,
    port,
    readyTimeoutMs: options.readyTimeoutMs,
  });
  return { address: `127.0.0.1:${port}`, stop: () => server.stop() };
}

/** `$JAVA_HOME/bin/java`, else `java` on PATH; throws with install instructions when there is neither. */
export function javaCommand(env: NodeJS.ProcessEnv = process.env): string {
  const fromHome = env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', process.platform === 'win32' ? 'java.exe' : 'java') : undefined;
  const java = fromHome && isExecutable(fromHome) ? fromHome : findOnPath('java', env);
  if (!java) {
    throw new Error(
      '`java` was not found (neither $JAVA_HOME/bin/java nor on PATH). The SLA timer tests run on Temporal\'s ' +
        'time-skipping test server, a Java program: install a Java runtime ≥ 8 (e.g. `apt-get install openjdk-17-jre-headless`).',
    );
  }
  return java;
}
