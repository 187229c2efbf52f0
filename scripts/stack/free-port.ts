import net from 'node:net';

/** Asks the OS for a TCP port that is free right now on `host`. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('the OS returned no port'))));
    });
  });
}

/** A port a server can be told to listen on: `port` itself, or a free one when it is 0 or omitted ("any port"). */
export async function concretePort(port?: number, host = '127.0.0.1'): Promise<number> {
  return port ? port : freePort(host);
}

/** The conventional `port` when it is free on host, else a free one the OS picks. */
export async function preferredPort(port: number, host = '127.0.0.1'): Promise<number> {
  return (await isPortFree(port, host)) ? port : freePort(host);
}

/** True when nothing answers on host:port and this process could bind it, so a server started now can listen there. */
export async function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  if (await acceptsConnections(port, host, 500)) return false;
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Resolves true once something accepts TCP connections on host:port, false if nothing does. */
export function acceptsConnections(port: number, host = '127.0.0.1', timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
