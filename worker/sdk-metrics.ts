import net from 'node:net';

/** Where the Temporal SDK's own Prometheus exporter listens, and the URL this process reads it from. */
export interface SdkMetricsExporter {
  bindAddress: string;
  url: string;
}

/**
 * A free loopback port for the SDK's exporter. It is read and merged into the process's /metrics (behind the metrics
 * token), so it never needs to be reachable from outside the machine.
 */
export function sdkMetricsExporter(): Promise<SdkMetricsExporter> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve({ bindAddress: `127.0.0.1:${port}`, url: `http://127.0.0.1:${port}/metrics` }));
    });
  });
}
