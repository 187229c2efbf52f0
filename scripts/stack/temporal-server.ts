import { concretePort } from './free-port';
import { startServerProcess } from './server-process';

export type SearchAttributeType = 'Text' | 'Keyword' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList';

export interface TemporalDevServerOptions {
  binary: string;
  /** Frontend gRPC port; a free one when 0 or omitted. */
  port?: number;
  /** Web UI port; a free one when 0 or omitted (and not headless). */
  uiPort?: number;
  headless?: boolean;
  /** SQLite file that keeps workflows across restarts; in-memory when omitted. */
  dbFile?: string;
  /** Custom search attributes registered at start-up, e.g. `{ TicketStatus: 'Keyword' }`. */
  searchAttributes?: Record<string, SearchAttributeType>;
  readyTimeoutMs?: number;
}

export interface TemporalDevServer {
  /** host:port for `Connection.connect({ address })` and TEMPORAL_ADDRESS. */
  address: string;
  uiUrl?: string;
  /** The server process (for the data-dir lock). */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts `temporal server start-dev` on 127.0.0.1 and resolves once its gRPC port accepts connections. */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const port = await concretePort(options.port);
  const uiPort = options.headless ? undefined : await concretePort(options.uiPort);
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', 'default'];
  args.push(...(uiPort === undefined ? ['--headless'] : ['--ui-port', String(uiPort)]));
  if (options.dbFile) {
    // The settings the SDK's own CI uses: a dev server does not need crash-proof fsyncs.
    args.push('--db-filename', options.dbFile, '--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=OFF');
  }
  for (const [name, type] of Object.entries(options.searchAttributes ?? {})) args.push('--search-attribute', `${name}=${type}`);
  args.push('--log-level', 'warn', '--log-format', 'text');
  // Update-with-start; already on by default in server 1.29, explicit for older `temporal` CLIs on PATH.
  args.push('--dynamic-config-value', 'frontend.enableExecuteMultiOperation=true');

  const server = await startServerProcess({
    name: 'Temporal dev server',
    command: options.binary,
    args,
    port,
    readyTimeoutMs: options.readyTimeoutMs,
  });
  return {
    address: `127.0.0.1:${port}`,
    uiUrl: uiPort === undefined ? undefined : `http://127.0.0.1:${uiPort}`,
    pid: server.serverPid,
    stop: () => server.stop(),
  };
}
