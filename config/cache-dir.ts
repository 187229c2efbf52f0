import os from 'node:os';
import path from 'node:path';

/**
 * Meridian's local state directory (dev-stack binaries and data, the `npm start` secret, the bootstrap admin key):
 * MERIDIAN_CACHE_DIR, else $XDG_CACHE_HOME/meridian, else ~/.cache/meridian.
 */
export function meridianCacheDir(env: { MERIDIAN_CACHE_DIR?: string; XDG_CACHE_HOME?: string } = process.env): string {
  if (env.MERIDIAN_CACHE_DIR) return path.resolve(env.MERIDIAN_CACHE_DIR);
  const base = env.XDG_CACHE_HOME ? path.resolve(env.XDG_CACHE_HOME) : path.join(os.homedir(), '.cache');
  return path.join(base, 'meridian');
}
