import fs from 'node:fs';
import path from 'node:path';
import { exeName } from './paths';

/** True when `file` is a regular file this process may execute. */
export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Absolute path of `name` on PATH, like `command -v`, or undefined. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env, executable = isExecutable): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.resolve(dir, exeName(name));
    if (executable(candidate)) return candidate;
  }
  return undefined;
}
