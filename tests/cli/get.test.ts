import { createApiKey } from '../../api/middleware/auth';
import { freePort } from '../../scripts/stack/free-port';
import { uid } from '../api/config-api.helpers';
import { processYaml, useCliServer } from './cli-server';

const cli = useCliServer();

describe('meridian get', () => {
  it('lists processes as a table: id, name, version, steps, created', async () => {
    const { departmentId, run, folder } = cli();
    const [a, b] = [uid('proc'), uid('proc')];
    await run(['apply', '-f', await folder({ 'a.yaml': processYaml(a, departmentId), 'b.yaml': processYaml(b, departmentId) })]);
    await run(['apply', '-f', await folder({ 'b.yaml': processYaml(b, departmentId, 'Answer again') })]);

    const res = await run(['get', 'processes']);
    expect(res.code).toBe(0);
    const [header, ...rows] = res.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID +NAME +VERSION +STEPS +CREATED$/);
    const row = (id: string) => rows.find((r) => r.startsWith(`${id} `))?.split(/ {2,}/);
    expect(row(a)).toEqual([a, `Process ${a}`, '1', '1', expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)]);
    expect(row(b)?.slice(0, 4)).toEqual([b, `Process ${b}`, '2', '1']);
    // Columns line up under the header.
    const versionColumn = header!.indexOf('VERSION');
    expect(rows.map((r) => /^\d+ /.test(r.slice(versionColumn)))).toEqual(rows.map(() => true));
  });

  it('prints one process as a row, as YAML or as JSON, and says when there is none', async () => {
    const { departmentId, run, folder } = cli();
    const id = uid('proc');
    await run(['apply', '-f', await folder({ 'p.yaml': processYaml(id, departmentId) })]);

    expect((await run(['get', 'process', id])).stdout).toMatch(new RegExp(`^ID .*\\n${id} +Process ${id} +1 +1 +\\S+\\n$`));
    const yaml = await run(['get', 'process', id, '-o', 'yaml']);
    expect(yaml.stdout).toMatch(new RegExp(`^id: ${id}\\nname: Process ${id}\\nsteps:\\n  - id: answer\\n(.*\\n)*version: 1\\ncreatedAt: .*\\ncreatedBy: .*\\n$`));
    const json = JSON.parse((await run(['get', 'process', id, '--output', 'json'])).stdout);
    expect(json).toMatchObject({ id, version: 1, createdBy: expect.any(String), steps: [{ departmentId, outcomes: ['done'] }] });

    expect(await run(['get', 'process', 'no-such-process'])).toEqual({ code: 1, stdout: '', stderr: 'error: process "no-such-process" not found\n' });
    expect((await run(['get', 'process', id, '-o', 'xml'])).code).toBe(2);
  });
});

describe('connection and keys', () => {
  it('explains a missing, refused or under-privileged key and never prints the key', async () => {
    const { run, api } = cli();
    const missing = await run(['get', 'processes'], { MERIDIAN_API_KEY: undefined });
    expect(missing).toEqual({ code: 1, stdout: '', stderr: expect.stringMatching(/^error: MERIDIAN_API_KEY is not set: export an ops or admin API key/) });

    const unknownKey = `mrd_${'A'.repeat(43)}`;
    const refused = await run(['get', 'processes'], { MERIDIAN_API_KEY: unknownKey });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'error: the server refused the API key (401 UNAUTHENTICATED: the API key is unknown or revoked); set MERIDIAN_API_KEY to an active ops or admin key\n',
    );

    const { key: agentKey } = await createApiKey({ name: 'agent', role: 'agent', departmentIds: [] }, api.config.secret);
    const forbidden = await run(['get', 'processes'], { MERIDIAN_API_KEY: agentKey });
    expect(forbidden.stderr).toBe('error: the API key may not manage processes (403 FORBIDDEN: your API key may not do this); use an ops or admin key\n');

    for (const res of [missing, refused, forbidden]) {
      for (const key of [unknownKey, agentKey, api.keys.ops]) expect(res.stdout + res.stderr).not.toContain(key);
    }
    const spaced = await run(['get', 'processes'], { MERIDIAN_API_KEY: `${api.keys.ops} extra` });
    expect(spaced.code).toBe(2);
    expect(spaced.stderr).not.toContain(api.keys.ops);
  });

  it('says the server is down (connection refused) or the URL is not one, and works with the admin key', async () => {
    const { run, api, url } = cli();
    const closed = `http://127.0.0.1:${await freePort()}`; // nothing listens there
    const down = await run(['get', 'processes'], { MERIDIAN_URL: closed });
    expect(down.code).toBe(1);
    expect(down.stderr).toBe(
      `error: cannot reach Meridian at ${closed}: connection refused. Is it running (npm start)? Point --server or MERIDIAN_URL at it.\n`,
    );
    const badUrl = await run(['get', 'processes', '--server', 'ftp://example.com']);
    expect(badUrl).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining('--server: expected an http:// or https:// URL') });
    const viaFlag = await run(['get', 'processes', '--server', `${url}/`], { MERIDIAN_URL: closed, MERIDIAN_API_KEY: api.keys.admin });
    expect(viaFlag.code).toBe(0);
  });

  it('answers usage mistakes with exit code 2 and a pointer to --help', async () => {
    const { run } = cli();
    expect(await run(['frobnicate'])).toEqual({ code: 2, stdout: '', stderr: 'error: unknown command "frobnicate" (see meridian --help)\n' });
    expect((await run(['apply'])).stderr).toBe('error: apply needs -f <file|folder> (see meridian --help)\n');
    expect((await run(['--help'])).stdout).toContain('apply -f <file|folder>');
  });
});
