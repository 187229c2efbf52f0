import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { uid } from '../api/config-api.helpers';
import { processYaml, useCliServer } from './cli-server';

const ROOT = path.resolve(__dirname, '../..');
const cli = useCliServer();

describe('npm run meridian', () => {
  it('applies a file named relative to where it is run, exiting 0, and exits 1 on a refused process', async () => {
    const { url, api, departmentId, folder } = cli();
    const id = uid('proc');
    const dir = await folder({ 'p.yaml': processYaml(id, departmentId) });
    const env = { ...process.env, MERIDIAN_URL: url, MERIDIAN_API_KEY: api.keys.ops };
    // Run from the folder of the files, as a user would: -f takes a path relative to it, not to the package root.
    const run = (args: string[], cwd = dir) => promisify(execFile)('npm', ['--prefix', ROOT, 'run', '--silent', 'meridian', '--', ...args], { cwd, env });

    const applied = await run(['apply', '-f', 'p.yaml']);
    expect(applied.stdout).toBe(`process/${id} created (v1)\n`);
    const listed = await run(['get', 'processes']);
    expect(listed.stdout).toMatch(new RegExp(`^${id} +Process ${id} +1 +1 `, 'm'));

    const bad = await folder({ 'p.yaml': processYaml(uid('proc'), 'ghost-department') });
    await expect(run(['apply', '-f', 'p.yaml'], bad)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('unknown department "ghost-department"') });
  }, 120_000);
});
