import { jsonTextProblem, MAX_JSON_DEPTH } from '../../api/middleware/json-body';

/** The body parser's pre-check: what JSON.parse would let through (duplicate names, __proto__, deep nesting) and nothing else. */
describe('jsonTextProblem', () => {
  it.each([
    ['names repeated in sibling objects', '[{"a":1},{"a":2}]'],
    ['a name repeated one level down', '{"a":{"a":1}}'],
    ['a name after a closed nested object', '{"a":[1,{"b":1}],"b":2}'],
    ['braces, brackets, commas and colons inside strings', '{"a":"{\\"a\\":1,[","b":"}]","c":"x,\\"a\\":"}'],
    ['a string ending in an escaped backslash', '{"a":"x\\\\","b":"\\\\"}'],
    ['"__proto__" as a value', '{"a":"__proto__","b":["__proto__"]}'],
    ['names that differ only in case', '{"a":1,"A":2}'],
    [`nesting exactly ${MAX_JSON_DEPTH} deep`, '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)],
    ['text that is not JSON (left to JSON.parse)', '{"a":1,}]'],
  ])('lets through %s', (_what, text) => {
    expect(jsonTextProblem(text)).toBeUndefined();
  });

  it.each([
    ['the same name twice', '{"role":"agent","role":"admin"}', 'duplicate member name "role"'],
    ['the same name spelled with an escape', '{"a":1,"\\u0061":2}', 'duplicate member name "a"'],
    ['the same name after a nested object', '{"a":{"x":1},"a":2}', 'duplicate member name "a"'],
    ['the same name after a string with an escaped quote', '{"x":"\\"","x":1}', 'duplicate member name "x"'],
    ['the same name after an escaped backslash and an escaped quote', '{"a":"\\\\\\"","a":1}', 'duplicate member name "a"'],
    ['the same name inside an object in an array', '[{"b":1,"b":1}]', 'duplicate member name "b"'],
    ['a __proto__ member', '{"__proto__":{"polluted":true}}', 'a member named "__proto__" is not accepted'],
    ['a __proto__ member spelled with an escape', '{"a":{"\\u005f_proto__":{}}}', 'a member named "__proto__" is not accepted'],
    [`nesting ${MAX_JSON_DEPTH + 1} deep`, '{"a":'.repeat(MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(MAX_JSON_DEPTH + 1), `nested more than ${MAX_JSON_DEPTH} deep`],
  ])('refuses %s', (_what, text, problem) => {
    expect(jsonTextProblem(text)).toContain(problem);
  });

  it('shows at most 40 characters of a duplicate name', () => {
    const name = 'n'.repeat(5_000);
    expect(jsonTextProblem(`{"${name}":1,"${name}":2}`)).toBe(`duplicate member name "${'n'.repeat(40)}": send each member once`);
  });
});
