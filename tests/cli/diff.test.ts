import path from 'node:path';
import { freePort } from '../../scripts/stack/free-port';
import { uid } from '../api/config-api.helpers';
import { processYaml, useCliServer } from './cli-server';

const cli = useCliServer();

describe('meridian diff', () => {
  it('says new for a process not stored yet and exits 1, then unchanged with exit 0 once applied', async () => {
    const { departmentId, run, folder } = cli();
    const id = uid('proc');
    const dir = await folder({ 'p.yaml': processYaml(id, departmentId) });
    expect(await run(['diff', '-f', dir])).toEqual({ code: 1, stdout: `process/${id} new\n`, stderr: '' });
    await run(['apply', '-f', dir]);
    expect(await run(['diff', '-f', dir])).toEqual({ code: 0, stdout: `process/${id} unchanged\n`, stderr: '' });
  });

  it('prints a unified diff of the canonical YAML against the newest version and exits 1, storing nothing', async () => {
    const { departmentId, run, folder } = cli();
    const id = uid('proc');
    await run(['apply', '-f', await folder({ 'p.yaml': processYaml(id, departmentId) })]);
    const edited = await folder({ 'p.yaml': processYaml(id, departmentId, 'Answer fast') });
    const file = path.join(edited, 'p.yaml');

    const res = await run(['diff', '-f', file]);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe(
      [
        `--- process/${id} (stored v1)`,
        `+++ process/${id} (${file})`,
        '@@ -3,7 +3,7 @@',
        ' steps:',
        '   - id: answer',
        '     type: task',
        '-    title: Answer the customer',
        '+    title: Answer fast',
        `     departmentId: ${departmentId}`,
        '     requiredSkills: []',
        '     outcomes:',
        '',
      ].join('\n'),
    );
    const stored = await run(['get', 'process', id, '-o', 'json']);
    expect(JSON.parse(stored.stdout)).toMatchObject({ version: 1, steps: [{ title: 'Answer the customer' }] });
  });

  it('counts defaults written out as no difference', async () => {
    const { departmentId, run, folder } = cli();
    const id = uid('proc');
    await run(['apply', '-f', await folder({ 'p.yaml': processYaml(id, departmentId) })]);
    const explicit = `${processYaml(id, departmentId)}    requiredSkills: []\n    outcomes: [done]\n    next: {}\n`;
    expect(await run(['diff', '-f', await folder({ 'p.yaml': explicit })])).toEqual({ code: 0, stdout: `process/${id} unchanged\n`, stderr: '' });
  });

  it('exits 2 with the problems when a file is invalid, and 2 when the server cannot be reached', async () => {
    const { run, folder, departmentId } = cli();
    const dir = await folder({ 'p.yaml': 'id: Not A Slug\nname: x\nsteps: []\n' });
    const invalid = await run(['diff', '-f', dir]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(`${path.join(dir, 'p.yaml')}:1:5 id: expected a lowercase slug`);
    expect(invalid.stderr).toContain('error: nothing compared: fix the problems above\n');

    const closed = `http://127.0.0.1:${await freePort()}`; // nothing listens there
    const valid = await folder({ 'p.yaml': processYaml(uid('proc'), departmentId) });
    const down = await run(['diff', '-f', valid], { MERIDIAN_URL: closed });
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/^error: cannot reach Meridian at http:\/\/127\.0\.0\.1:\d+: connection refused/);
  });
});
