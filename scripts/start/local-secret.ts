import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** A local MERIDIAN_SECRET for `npm start`, generated once and kept (mode 0600) so query codes survive restarts. */
export async function localSecret(dir: string): Promise<string> {
  const file = path.join(dir, 'secret');
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    await fs.mkdir(dir, { recursive: true });
    const secret = randomBytes(36).toString('base64url');
    await fs.writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' }).catch(() => undefined);
    return (await fs.readFile(file, 'utf8')).trim();
  }
}
