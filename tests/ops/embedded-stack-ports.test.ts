import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { freePort, isPortFree, preferredPort } from '../../scripts/stack/free-port';
import { startServerProcess } from '../../scripts/stack/server-process';
import { EmbeddedStackError, ServerStartError } from '../../scripts/stack/stack-errors';
import { startEmbeddedStack } from '../../scripts/stack/stack';

/** The environment without the test servers jest's global setup exported, so the stack starts its own. */
function ownServersEnv(): NodeJS.ProcessEnv {
  const { TEMPORAL_ADDRESS: _t, MONGODB_URI: _m, ...env } = process.env;
  return env;
}

/** Something else listening on a port, like a second Temporal or a stray service. */
async function occupy(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('embedded stack ports', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-ports-'));
  });
  afterEach(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('uses the conventional port when it is free and another free port when it is taken', async () => {
    const free = await freePort();
    expect(await preferredPort(free)).toBe(free);

    const taken = await occupy();
    try {
      const chosen = await preferredPort(taken.port);
      expect(chosen).not.toBe(taken.port);
      expect(await isPortFree(chosen)).toBe(true);
    } finally {
      await taken.close();
    }
  });

  it('starts Temporal and the database on real free ports when asked for port 0 ("any port")', async () => {
    const stack = await startEmbeddedStack({ dataDir, persistent: true, temporalPort: 0, mongoPort: 0, env: ownServersEnv() });
    try {
      expect(stack.temporalAddress).toMatch(/^127\.0\.0\.1:[1-9]\d*$/);
      expect(stack.mongoUri).toMatch(/^mongodb:\/\/127\.0\.0\.1:[1-9]\d*$/);
      const connection = await Connection.connect({ address: stack.temporalAddress });
      try {
        const { namespaceInfo } = await connection.workflowService.describeNamespace({ namespace: 'default' });
        expect(namespaceInfo?.name).toBe('default');
      } finally {
        await connection.close();
      }
      const db = await mongoose.createConnection(`${stack.mongoUri}/ports_probe`).asPromise();
      try {
        expect(await db.db?.admin().ping()).toMatchObject({ ok: 1 });
      } finally {
        await db.close();
      }
    } finally {
      await stack.stop();
    }
  });

  it('names each server that cannot start, the port and the reason, instead of a bare "failed to start"', async () => {
    const [temporalPort, mongoPort] = [await occupy(), await occupy()];
    try {
      const started = startEmbeddedStack({ dataDir, temporalPort: temporalPort.port, mongoPort: mongoPort.port, env: ownServersEnv() });

      const err = await started.then(
        (stack) => stack.stop().then(() => new Error('the stack started on ports another process holds')),
        (reason: unknown) => reason,
      );
      expect(err).toBeInstanceOf(EmbeddedStackError);
      const message = (err as Error).message;
      expect(message).toContain(`Temporal dev server cannot listen on 127.0.0.1:${temporalPort.port}: the port is already in use`);
      expect(message).toMatch(new RegExp(`(FerretDB|mongod) cannot listen on 127\\.0\\.0\\.1:${mongoPort.port}: the port is already in use`));
    } finally {
      await Promise.all([temporalPort.close(), mongoPort.close()]);
    }
  });

  it('reports why a server exited before it was ready, with its last output lines', async () => {
    const crash = "console.error('starting'); console.error('open /data/meridian.sqlite: permission denied'); process.exit(3)";

    const started = startServerProcess({ name: 'Probe server', command: process.execPath, args: ['-e', crash], port: await freePort() });

    const err = await started.then(() => new Error('the probe server started'), (reason: unknown) => reason);
    expect(err).toBeInstanceOf(ServerStartError);
    expect(err).toMatchObject({
      server: 'Probe server',
      lastLines: ['starting', 'open /data/meridian.sqlite: permission denied'],
    });
    expect((err as Error).message).toMatch(/^Probe server exited with code 3 before accepting connections on port \d+/);
  });
});
