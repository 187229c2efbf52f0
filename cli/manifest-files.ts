import fs from 'node:fs/promises';
import path from 'node:path';
import { CliError } from './cli-io';

const EXTENSIONS = ['.yaml', '.yml', '.json'];

/** Whether a file name is one `apply -f` and `diff -f` read. */
export function isManifestFile(name: string): boolean {
  return EXTENSIONS.includes(path.extname(name).toLowerCase());
}

/**
 * The files behind `-f` arguments, in order: a file as given, a folder as its `.yaml`, `.yml` and `.json` files sorted
 * by name (not recursive, as kubectl without -R). Names are shown as given, joined with the file's name.
 */
export async function expandManifestPaths(targets: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const target of targets) {
    const stat = await fs.stat(target).catch((err: NodeJS.ErrnoException) => {
      throw new CliError(err.code === 'ENOENT' ? `${target}: no such file or folder` : `${target}: cannot read (${err.code ?? err.message})`);
    });
    if (stat.isDirectory()) {
      const names = (await fs.readdir(target, { withFileTypes: true }))
        .filter((entry) => entry.isFile() && isManifestFile(entry.name))
        .map((entry) => entry.name)
        .sort();
      if (names.length === 0) throw new CliError(`${target}: no .yaml, .yml or .json files in this folder`);
      files.push(...names.map((name) => path.join(target, name)));
    } else if (isManifestFile(target)) {
      files.push(target);
    } else {
      throw new CliError(`${target}: expected a .yaml, .yml or .json file, or a folder of them`);
    }
  }
  return [...new Set(files)];
}
