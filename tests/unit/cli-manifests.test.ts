import { formatFieldPath, fromBodyPointer } from '../../cli/field-path';
import { formatProblem, parseManifestText } from '../../cli/manifest-source';
import { validateProcessDocument } from '../../cli/process-manifests';
import { unifiedDiff } from '../../cli/unified-diff';

const step = (extra = '') => `  - id: answer\n    type: task\n    title: Answer\n    departmentId: support\n${extra}`;

function problemsOf(file: string, text: string): string[] {
  const { documents, problems } = parseManifestText(file, text);
  return [...problems, ...documents.flatMap((d) => validateProcessDocument(d).problems)].map(formatProblem);
}

describe('process files: problems at their line and column', () => {
  it('counts lines across the documents of one YAML file', () => {
    const text = `id: first\nname: First\nsteps:\n${step()}---\nid: second\nname: Second\nsteps:\n${step('    outcomes: [done, 7]\n')}`;
    expect(problemsOf('p.yaml', text)).toEqual(['p.yaml:16:22 steps[0].outcomes[1]: Invalid input: expected string, received number']);
  });

  it('points at the key of a field left empty and at the parent of a missing one', () => {
    const text = `id: empty-name\nname:\nsteps:\n  - id: answer\n    type: task\n    departmentId: support\n`;
    expect(problemsOf('p.yaml', text)).toEqual([
      'p.yaml:2:1 name: Invalid input: expected string, received null',
      'p.yaml:4:5 steps[0].title: Invalid input: expected string, received undefined',
    ]);
  });

  it('follows an alias to the lines of the node it names', () => {
    const text = `id: aliased\nname: Aliased\nsteps:\n  - &first\n    id: answer\n    type: task\n    title: Answer\n    departmentId: 9\n  - *first\n`;
    expect(problemsOf('p.yaml', text)).toEqual(
      expect.arrayContaining([
        'p.yaml:8:19 steps[0].departmentId: Invalid input: expected string, received number',
        'p.yaml:8:19 steps[1].departmentId: Invalid input: expected string, received number',
      ]),
    );
  });

  it('reads JSON (tab-indented too) with lines, and refuses duplicate keys, a second JSON document and an empty file', () => {
    const json = '{\n\t"id": "json-process",\n\t"name": "Json",\n\t"steps": [\n\t\t{"id": "answer", "type": "task", "title": "", "departmentId": "support"}\n\t]\n}\n';
    expect(problemsOf('p.json', json)[0]).toMatch(/^p\.json:5:45 steps\[0\]\.title: /);
    expect(problemsOf('p.yaml', 'id: a\nid: b\n')[0]).toMatch(/^p\.yaml:2:1: Map keys must be unique/);
    expect(problemsOf('p.json', '{"id": "a"}\n---\n{"id": "b"}\n')[0]).toMatch(/^p\.json:2:1: /);
    expect(problemsOf('p.yaml', '# nothing here\n')).toEqual(['p.yaml:1:1: no process in this file']);
  });
});

describe('field paths', () => {
  it('reads API pointers into the body and prints paths as people write them', () => {
    expect(fromBodyPointer('/body/steps/0/next/a~1b')).toEqual(['steps', 0, 'next', 'a/b']);
    expect(fromBodyPointer('/params/id')).toBeNull();
    expect(formatFieldPath(['steps', 0, 'next', 'two words'])).toBe('steps[0].next["two words"]');
  });
});

describe('unified diff', () => {
  const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'].join('\n') + '\n';
  const labels = { from: 'old', to: 'new' };

  it('is empty for equal texts', () => {
    expect(unifiedDiff(a, a, labels)).toBe('');
  });

  it('prints removals before additions, three lines of context, and separate hunks for distant changes', () => {
    const b = a.replace('2\n', 'two\n').replace('11\n', '11\n11.5\n');
    expect(unifiedDiff(a, b, labels)).toBe(
      ['--- old', '+++ new', '@@ -1,5 +1,5 @@', ' 1', '-2', '+two', ' 3', ' 4', ' 5', '@@ -9,4 +9,5 @@', ' 9', ' 10', ' 11', '+11.5', ' 12', ''].join('\n'),
    );
  });

  it('shows a text added to an empty one as one hunk from line 0', () => {
    expect(unifiedDiff('', 'x\n', labels)).toBe('--- old\n+++ new\n@@ -0,0 +1,1 @@\n+x\n');
  });
});
