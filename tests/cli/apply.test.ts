import path from 'node:path';
import { uid } from '../api/config-api.helpers';
import { processYaml, useCliServer } from './cli-server';

const cli = useCliServer();

async function storedVersion(id: string): Promise<number | null> {
  const res = await fetch(`${cli().url}/api/processes/${id}`, { headers: { authorization: `Bearer ${cli().api.keys.ops}` } });
  return res.status === 404 ? null : ((await res.json()) as { version: number }).version;
}

describe('meridian apply', () => {
  it('creates processes, leaves an identical file unchanged and stores an edit as the next version, a line per process', async () => {
    const { departmentId, run, folder } = cli();
    const [a, b] = [uid('proc'), uid('proc')];
    const dir = await folder({ 'both.yaml': `${processYaml(a, departmentId)}---\n${processYaml(b, departmentId)}` });

    expect(await run(['apply', '-f', dir])).toEqual({ code: 0, stdout: `process/${a} created (v1)\nprocess/${b} created (v1)\n`, stderr: '' });
    expect(await run(['apply', '-f', dir])).toEqual({ code: 0, stdout: `process/${a} unchanged (v1)\nprocess/${b} unchanged (v1)\n`, stderr: '' });

    const edited = await folder({ 'a.yml': processYaml(a, departmentId, 'Answer within the hour') });
    const res = await run(['apply', '-f', path.join(edited, 'a.yml')]);
    expect(res).toEqual({ code: 0, stdout: `process/${a} configured (v2, new version)\n`, stderr: '' });
    expect(await storedVersion(a)).toBe(2);
    expect(await storedVersion(b)).toBe(1);
  });

  it('refuses an invalid YAML file with file:line:col, the field and the message, and stores nothing', async () => {
    const { run, folder } = cli();
    const id = uid('proc');
    const text = processYaml(id, 'placeholder').replace('departmentId: placeholder', 'departmentId: 42\n    colour: blue');
    const dir = await folder({ 'bad.yaml': text });
    const file = path.join(dir, 'bad.yaml');

    const res = await run(['apply', '-f', file]);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr.split('\n')).toEqual([
      `${file}:7:19 steps[0].departmentId: Invalid input: expected string, received number`,
      `${file}:8:5 steps[0].colour: unknown field`,
      'error: nothing applied: 2 problems in 1 file',
      '',
    ]);
    expect(await storedVersion(id)).toBeNull();
  });

  it('stores nothing from a folder when one of its files is invalid, naming the JSON line of the problem', async () => {
    const { departmentId, run, folder } = cli();
    const [good, bad] = [uid('proc'), uid('proc')];
    const json = JSON.stringify({ id: bad, name: 'Bad', steps: [{ id: 'answer', type: 'task', title: 'T', departmentId, outcomes: [] }] }, null, 2);
    const dir = await folder({ 'a-good.yaml': processYaml(good, departmentId), 'b-bad.json': json, 'notes.txt': 'not a process' });

    const res = await run(['apply', '-f', dir]);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    // Line 10 of the pretty-printed JSON: "outcomes": [] (its value at column 19).
    expect(res.stderr).toContain(`${path.join(dir, 'b-bad.json')}:10:19 steps[0].outcomes: Too small: expected array to have >=1 items\n`);
    expect(res.stderr).toContain('error: nothing applied: 1 problem in 1 file\n');
    expect(await storedVersion(good)).toBeNull();
    expect(await storedVersion(bad)).toBeNull();
  });

  it('points at the line of a YAML syntax error and at the second definition of a process given twice', async () => {
    const { departmentId, run, folder } = cli();
    const id = uid('proc');
    const dir = await folder({
      'a.yaml': processYaml(id, departmentId),
      'b.yaml': `${processYaml(id, departmentId)}---\nid: x\nname: [unclosed\n`,
    });
    const syntax = await run(['apply', '-f', path.join(dir, 'b.yaml')]);
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(new RegExp(`^${escape(path.join(dir, 'b.yaml'))}:1[01]:\\d+: .+\n`));

    const again = { id, name: 'Again', steps: [{ id: 'answer', type: 'task', title: 'T', departmentId }] };
    const twice = await folder({ 'a.yaml': processYaml(id, departmentId), 'b.json': JSON.stringify(again) });
    const res = await run(['apply', '-f', twice]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`${path.join(twice, 'b.json')}:1:7 id: process "${id}" is also defined at ${path.join(twice, 'a.yaml')}:1:5\n`);
    expect(await storedVersion(id)).toBeNull();
  });

  it('maps an unknown department the server refuses back to its line, and still applies the other processes', async () => {
    const { departmentId, run, folder } = cli();
    const [ghost, fine] = [uid('proc'), uid('proc')];
    const dir = await folder({ 'a.yaml': processYaml(ghost, 'ghost-department'), 'b.yaml': processYaml(fine, departmentId) });

    const res = await run(['apply', '-f', dir]);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe(`process/${fine} created (v1)\n`);
    expect(res.stderr).toBe(
      `error: process/${ghost} refused (422 UNKNOWN_REFERENCE): the body refers to objects that do not exist\n` +
        `${path.join(dir, 'a.yaml')}:7:19 steps[0].departmentId: unknown department "ghost-department"\n`,
    );
    expect(await storedVersion(ghost)).toBeNull();
  });

  it('takes back what get -o yaml prints (the server fields are left out) as unchanged', async () => {
    const { departmentId, run, folder } = cli();
    const id = uid('proc');
    await run(['apply', '-f', await folder({ 'p.yaml': processYaml(id, departmentId) })]);
    const printed = await run(['get', 'process', id, '-o', 'yaml']);
    expect(printed.stdout).toMatch(/^version: 1$/m);
    const res = await run(['apply', '-f', await folder({ 'p.yaml': printed.stdout })]);
    expect(res).toEqual({ code: 0, stdout: `process/${id} unchanged (v1)\n`, stderr: '' });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
