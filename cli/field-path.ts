/** A field's path as people read it, `steps[0].next.done`, from zod's path or an RFC 6901 pointer. */
export type FieldPath = ReadonlyArray<string | number>;

/** `['steps', 0, 'departmentId']` → `steps[0].departmentId`; odd keys are quoted (`next["two words"]`). */
export function formatFieldPath(path: FieldPath): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      if (/^[A-Za-z_$][\w$-]*$/.test(key)) return i === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}

/** zod's issue path (numbers for array items) as a field path. */
export function fromIssuePath(path: readonly PropertyKey[]): FieldPath {
  return path.map((key) => (typeof key === 'number' ? key : String(key)));
}

/**
 * A problem's pointer in a request body (`/body/steps/0/departmentId`) as a field path into that body, or null when it
 * points elsewhere (a header, the path). Decimal segments become numbers; the document says whether they index a list.
 */
export function fromBodyPointer(pointer: string): FieldPath | null {
  if (pointer !== '/body' && !pointer.startsWith('/body/')) return null;
  return pointer
    .split('/')
    .slice(2)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}
