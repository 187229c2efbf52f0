import path from 'node:path';
import { meridianCacheDir } from '../../config/cache-dir';

/** Directory that caches Meridian's dev-stack binaries: MERIDIAN_CACHE_DIR, else $XDG_CACHE_HOME/meridian, else ~/.cache/meridian. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return meridianCacheDir(env);
}

/** Directory holding the built executables (one file per tool and version). */
export function binDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheDir(env), 'bin');
}

/** File name of an executable on this platform. */
export function exeName(name: string): string {
  return process.platform === 'win32' ? `${name}.exe` : name;
}
