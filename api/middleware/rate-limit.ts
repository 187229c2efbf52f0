import type { Request, RequestHandler } from 'express';
import { MeridianError } from '../../domain/errors';

export interface RateLimiterOptions {
  /** Shown in logs and problem details, e.g. "track". */
  name: string;
  windowMs: number;
  max: number;
  key: (req: Request) => string;
  /** Keys tracked at once before the oldest windows are dropped (default 10 000). */
  maxKeys?: number;
  now?: () => number;
}

interface Window {
  count: number;
  resetAtMs: number;
}

/** The caller's address (honours `trust proxy`, which createApp sets from config). */
export function clientKey(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** Drops expired windows; if still over the cap, drops the oldest (Map keeps insertion order). */
function evict(windows: Map<string, Window>, nowMs: number, maxKeys: number): void {
  for (const [key, w] of windows) if (w.resetAtMs <= nowMs) windows.delete(key);
  for (const key of windows.keys()) {
    if (windows.size < maxKeys) break;
    windows.delete(key);
  }
}

/** A fixed-window, in-memory limiter per key (per process) with `RateLimit-*` headers and 429 problems. */
export function createRateLimiter(options: RateLimiterOptions): RequestHandler {
  const { name, windowMs, max, key, maxKeys = 10_000, now = Date.now } = options;
  const windows = new Map<string, Window>();
  let nextSweepMs = 0;
  return (req, res, next) => {
    const nowMs = now();
    if (nowMs >= nextSweepMs || windows.size >= maxKeys) {
      evict(windows, nowMs, maxKeys);
      nextSweepMs = nowMs + windowMs;
    }
    const id = key(req);
    let w = windows.get(id);
    if (!w || w.resetAtMs <= nowMs) {
      windows.delete(id);
      w = { count: 0, resetAtMs: nowMs + windowMs };
      windows.set(id, w);
    }
    w.count += 1;
    const resetSeconds = Math.max(1, Math.ceil((w.resetAtMs - nowMs) / 1000));
    res.setHeader('RateLimit-Limit', String(max));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, max - w.count)));
    res.setHeader('RateLimit-Reset', String(resetSeconds));
    if (w.count <= max) return next();
    res.setHeader('Retry-After', String(resetSeconds));
    next(new MeridianError('TOO_MANY_REQUESTS', 'too many requests, slow down', { limiter: name }));
  };
}
