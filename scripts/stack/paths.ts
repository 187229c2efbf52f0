import os from 'node:os';
import path from 'node:path';

/** Directory that caches Meridian's dev-stack binaries: MERIDIAN_CACHE_DIR, else $XDG_CACHE_HOME/meridian, else ~/.cache/meridian. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MERIDIAN_CACHE_DIR) return path.resolve(env.MERIDIAN_CACHE_DIR);
  const base = env.XDG_CACHE_HOME ? path.resolve(env.XDG_CACHE_HOME) : path.join(os.homedir(), '.cache');
  return path.join(base, 'meridian');
}

/** Directory holding the built executables (one file per tool and version). */
export function binDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheDir(env), 'bin');
}

/** File name of an executable on this platform. */
export function exeName(name: string): string {
  return process.platform === 'win32' ? `${name}.exe` : name;
}
