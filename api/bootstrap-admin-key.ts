import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { anyApiKeyExists } from '../models/api-key.model';
import { ensureBootstrapAdminKey, generateApiKey } from './middleware/auth';

/**
 * On a fresh installation, creates the first admin API key and saves it in `file`, readable by this user only
 * (mode 0600), so the key never passes through stdout or logs; true when it did. The key is staged in a private
 * file before it is stored, so a key that cannot be saved is never created.
 */
export async function provisionBootstrapAdminKey(secret: string, file: string): Promise<boolean> {
  if (await anyApiKeyExists()) return false;
  const key = generateApiKey();
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const staged = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(staged, `${key}\n`, { mode: 0o600, flag: 'wx' });
  try {
    const created = await ensureBootstrapAdminKey(secret, key);
    if (created) await fs.rename(staged, file); // replaces a file left by an earlier installation
    return created !== null;
  } finally {
    await fs.rm(staged, { force: true });
  }
}
