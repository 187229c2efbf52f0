import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getLatestProcess } from '../../models/config.repository';
import { ProcessModel } from '../../models/process.model';
import { applyBuiltInProcesses, BUILTIN_PROCESSES_DIR } from '../../scripts/builtin-processes';
import { seedDemoConfiguration } from '../../scripts/seed-demo';
import { useConfigApi } from '../api/config-api.helpers';

useConfigApi(); // a fresh database

describe('built-in processes (processes/)', () => {
  it('are stored by the demo seeding npm start runs, and a second boot stores nothing', async () => {
    const lines: string[] = [];
    await seedDemoConfiguration((line) => lines.push(line));
    const files = (await fs.readdir(BUILTIN_PROCESSES_DIR)).filter((f) => /\.(ya?ml|json)$/.test(f));
    expect(files).toContain('general-inquiry.yaml');
    expect(lines).toContain('built-in process/general-inquiry created (v1)');
    expect(lines.every((l) => / created \(v1\)$/.test(l))).toBe(true);
    const general = await getLatestProcess('general-inquiry');
    expect(general).toMatchObject({ version: 1, steps: [{ departmentId: 'support', requiredSkills: ['general'], outcomes: ['done'] }] });
    expect((await ProcessModel.findById('general-inquiry@1').lean())?.createdBy).toBe('built-in');

    const again: string[] = [];
    await seedDemoConfiguration((line) => again.push(line));
    expect(again).toEqual(lines.map((l) => l.replace(' created ', ' unchanged ')));
  });

  it('stop the start with every problem at its file and line when a built-in file is invalid', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-builtin-'));
    try {
      await fs.writeFile(path.join(dir, 'broken.yaml'), 'id: broken-process\nname: Broken\nsteps:\n  - id: answer\n    type: teleport\n');
      const applying = applyBuiltInProcesses(() => {}, dir);
      await expect(applying).rejects.toThrow(/could not be applied:\n.*broken\.yaml:5:11 steps\[0\]\.type: /);
      expect(await getLatestProcess('broken-process')).toBeNull();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
