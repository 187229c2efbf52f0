import type { Request, RequestHandler } from 'express';
import type { Config } from '../../config/config';
import { assertNever, MeridianError } from '../../domain/errors';
import { countRateLimitHit } from '../../models/rate-limit-hit.model';
import { MemoryRateLimitStore } from './memory-rate-limit-store';
import type { RateLimitStore } from './rate-limit-store';

import { clientKey } from './client-address';

export { clientKey };

export interface RateLimiterOptions {
  /** Shown in logs and problem details, e.g. "track"; also keeps limiters apart in a shared store. */
  name: string;
  windowMs: number;
  max: number;
  key: (req: Request) => string;
  /** Default: a fresh in-memory store for this limiter. */
  store?: RateLimitStore;
  now?: () => number;
}

/**
 * The store RATE_LIMIT_STORE names: this process's memory (one per limiter, RATE_LIMIT_MEMORY_CLIENTS counters), or
 * the database all processes share.
 */
export function createRateLimitStore({ store: kind, memoryClients }: Pick<Config['rateLimits'], 'store' | 'memoryClients'>): RateLimitStore {
  switch (kind) {
    case 'memory':
      return new MemoryRateLimitStore(memoryClients);
    case 'mongodb':
      return { hit: (key, window, limit) => countRateLimitHit(key, window.startMs, window.lengthMs, limit) };
    default:
      return assertNever(kind);
  }
}

/**
 * A fixed-window limiter per key with `RateLimit-*` headers and 429 problems. Windows are aligned to the clock
 * (`now - now % windowMs`) rather than to each key's first request, so every process sharing a store counts into the
 * same window. A client can burst up to twice the limit across a window boundary: the accepted price of one counter
 * per key and window (no per-request log to keep or share).
 */
export function createRateLimiter(options: RateLimiterOptions): RequestHandler {
  const { name, windowMs, max, key, store = new MemoryRateLimitStore(), now = Date.now } = options;
  return async (req, res, next) => {
    const nowMs = now();
    const startMs = nowMs - (nowMs % windowMs);
    const count = await store.hit(`${name}|${key(req)}`, { startMs, lengthMs: windowMs }, max);
    const resetSeconds = Math.max(1, Math.ceil((startMs + windowMs - nowMs) / 1000));
    res.setHeader('RateLimit-Limit', String(max));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, max - count)));
    res.setHeader('RateLimit-Reset', String(resetSeconds));
    if (count <= max) return next();
    res.setHeader('Retry-After', String(resetSeconds));
    next(new MeridianError('TOO_MANY_REQUESTS', 'too many requests, slow down', { limiter: name }));
  };
}

/**
 * A staff route's limiter key: the API key once authenticated (a leaked key gets no more behind many addresses), else
 * the client's address. Mount the limiter after `authenticate`.
 */
export function staffKeyOrAddress(req: Request): string {
  return (req.res?.locals.auth as { keyId?: string } | undefined)?.keyId ?? clientKey(req);
}
