import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { provisionBootstrapAdminKey } from '../../api/bootstrap-admin-key';
import { ApiKeyModel, anyApiKeyExists } from '../../models/api-key.model';
import { startHarness, type Harness } from '../support/harness';

describe('bootstrap admin key file', () => {
  let api: Harness;
  let dir: string;
  beforeAll(async () => {
    api = await startHarness({ worker: false });
  });
  afterAll(() => api.stop());
  beforeEach(async () => {
    await ApiKeyModel.deleteMany({});
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-admin-key-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('saves the first admin key to a file only its owner can read, and that key works', async () => {
    const file = path.join(dir, 'cache', 'bootstrap-admin-key');

    expect(await provisionBootstrapAdminKey(api.config.secret, file)).toBe(true);

    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    const key = (await fs.readFile(file, 'utf8')).trim();
    expect(key).toMatch(/^mrd_[A-Za-z0-9_-]{43}$/);
    const keys = await request(api.app).get('/api/api-keys').set('Authorization', `Bearer ${key}`).expect(200);
    expect(JSON.stringify(keys.body)).toContain('bootstrap-admin');
    expect(await fs.readdir(path.dirname(file))).toEqual(['bootstrap-admin-key']); // no staged copy left behind
  });

  it('leaves the file alone once a key exists', async () => {
    const file = path.join(dir, 'bootstrap-admin-key');
    await provisionBootstrapAdminKey(api.config.secret, file);
    const first = await fs.readFile(file, 'utf8');

    expect(await provisionBootstrapAdminKey(api.config.secret, file)).toBe(false);

    expect(await fs.readFile(file, 'utf8')).toBe(first);
  });

  it('creates no key when the file cannot be written, so the next start can try again', async () => {
    const notADirectory = path.join(dir, 'plain-file');
    await fs.writeFile(notADirectory, '');

    await expect(provisionBootstrapAdminKey(api.config.secret, path.join(notADirectory, 'bootstrap-admin-key'))).rejects.toThrow();

    expect(await anyApiKeyExists()).toBe(false);
  });
});
