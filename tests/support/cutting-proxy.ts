/**
 * A TCP proxy in front of the test database that cuts the connection of a request it is told to cut, before the
 * database sees it: to the client this is the database server killed in the middle of that request.
 */
import net from 'node:net';

export interface CuttingProxy {
  /** mongodb:// base URI (no database name) that goes through the proxy. */
  uri: string;
  /** Requests whose bytes contain all of these are cut; none while empty. */
  cut: Buffer[];
  /** How many requests were cut so far. */
  cuts(): number;
  stop(): Promise<void>;
}

/** The host:port of the first server of a `mongodb://` URI. */
function firstHost(uri: string): { host: string; port: number } {
  const [host = '127.0.0.1', port = '27017'] = (uri.replace(/^mongodb:\/\//, '').split(/[/?,]/)[0] ?? '').split(':');
  return { host, port: Number(port) };
}

/** Starts a proxy to the first server of `targetUri` on a free local port. */
export async function startCuttingProxy(targetUri: string): Promise<CuttingProxy> {
  const target = firstHost(targetUri);
  const sockets = new Set<net.Socket>();
  let cut = 0;
  const proxy: CuttingProxy = { uri: '', cut: [], cuts: () => cut, stop: async () => undefined };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => {
      if (proxy.cut.length > 0 && proxy.cut.every((part) => chunk.includes(part))) {
        cut += 1;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  proxy.uri = `mongodb://127.0.0.1:${port}/?directConnection=true`;
  proxy.stop = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}
