/** What a `/metrics` endpoint serves, and who may read it. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Registry } from './registry';

/** A process's metrics: its registry, plus the Temporal SDK's Prometheus exporter when it runs a worker with one. */
export interface MetricsSource {
  registry: Registry;
  /** The SDK exporter's loopback URL (`http://127.0.0.1:<port>/metrics`), merged into every scrape. */
  sdkMetricsUrl?: string;
}

/** The SDK exporter answers from memory; this bounds a scrape when it does not. */
const SDK_TIMEOUT_MS = 2_000;

async function sdkMetrics(url: string): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(SDK_TIMEOUT_MS) });
    return res.ok ? await res.text() : '';
  } catch {
    return ''; // the temporal_* series are absent from this scrape; Meridian's own still count
  }
}

/** The Prometheus text exposition of `source`: Meridian's metrics, then the SDK's (their names never overlap). */
export async function renderMetrics(source: MetricsSource): Promise<{ contentType: string; text: string }> {
  const [own, sdk] = await Promise.all([source.registry.metrics(), source.sdkMetricsUrl ? sdkMetrics(source.sdkMetricsUrl) : '']);
  const text = [own, sdk].map((part) => part.trim()).filter((part) => part !== '').join('\n') + '\n';
  return { contentType: source.registry.contentType, text };
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Whether an Authorization header carries `Bearer <token>`, compared in constant time. */
export function bearerTokenMatches(authorization: string | undefined, token: string): boolean {
  const sent = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  // Digests have one length, so timingSafeEqual never throws and the comparison leaks nothing about the length.
  return sent !== undefined && timingSafeEqual(digest(sent), digest(token));
}
