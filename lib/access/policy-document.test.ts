import { describe, expect, it } from 'vitest';
import { parsePolicyText, validatePolicyDocument, type PolicyError } from './policy-document';

const allow = (Action: unknown, Resource: unknown = '*') => ({ Effect: 'Allow', Action, Resource });
const doc = (...Statement: unknown[]) => ({ Version: '1', Statement });

function errorsOf(input: unknown): PolicyError[] {
  const result = validatePolicyDocument(input);
  if (result.ok) throw new Error('expected the document to be rejected');
  return result.errors;
}

describe('validatePolicyDocument accepts', () => {
  it.each([
    ['one string action and resource', doc(allow('cr:PullRepository', 'acs:cr:*:*:repository/team/*'))],
    ['lists', doc(allow(['cr:PullRepository', 'cr:PushRepository'], ['acs:cr:*:*:repository/a/b', '*']))],
    ['wildcard actions', doc(allow(['cr:*', 'cr:Get*', '*', 'cr:*Webhook']))],
    ['action names in any case', doc(allow('cr:pullrepository'))],
    ['a Deny', doc({ Effect: 'Deny', Action: 'cr:Delete*', Resource: 'acs:cr:local:berth:namespace/prod' })],
    ['100 statements', doc(...Array.from({ length: 100 }, () => allow('cr:GetTag')))],
    ['100 actions', doc(allow(Array.from({ length: 100 }, () => 'cr:GetTag')))],
  ])('%s', (_, input) => {
    const result = validatePolicyDocument(input);
    expect(result).toEqual({ ok: true, document: input });
  });
});

describe('validatePolicyDocument rejects', () => {
  const longResource = `acs:cr:local:berth:repository/team/${'a'.repeat(2048)}`;
  it.each<[string, unknown, PolicyError[]]>([
    [
      'an unknown action, pointing at the statement and the element',
      doc(allow('cr:GetTag'), allow(['cr:PushRepo', 'cr:PullRepository'])),
      [{ path: 'Statement[1].Action[0]', message: 'unknown action "cr:PushRepo"' }],
    ],
    [
      'a bad Effect',
      doc({ Effect: 'allow', Action: 'cr:GetTag', Resource: '*' }),
      [{ path: 'Statement[0].Effect', message: 'must be "Allow" or "Deny"' }],
    ],
    [
      'an invalid resource given as a string',
      doc(allow('cr:GetTag'), allow('cr:GetTag'), allow('cr:GetTag', 'foo')),
      [{ path: 'Statement[2].Resource', message: 'invalid resource "foo"' }],
    ],
    [
      'an invalid resource in a list',
      doc(allow('cr:GetTag', ['*', 'acs:cr:local:berth:repository/Team/x'])),
      [{ path: 'Statement[0].Resource[1]', message: 'invalid resource "acs:cr:local:berth:repository/Team/x"' }],
    ],
    [
      'a pattern that matches no action',
      doc(allow('cr:Foo*')),
      [{ path: 'Statement[0].Action', message: 'action pattern "cr:Foo*" matches no known action' }],
    ],
    ['another Version', { Version: '2', Statement: [allow('cr:GetTag')] }, [{ path: 'Version', message: 'must be "1"' }]],
    ['a numeric Version', { Version: 1, Statement: [allow('cr:GetTag')] }, [{ path: 'Version', message: 'must be "1"' }]],
    ['a missing Version', { Statement: [allow('cr:GetTag')] }, [{ path: 'Version', message: 'is required' }]],
    [
      'unknown top-level keys',
      { ...doc(allow('cr:GetTag')), Id: 'x' },
      [{ path: 'Id', message: 'unknown key, expected Version or Statement' }],
    ],
    [
      'statement keys Berth would otherwise ignore',
      doc({ ...allow('cr:GetTag'), Condition: {}, Sid: 'x' }),
      [
        { path: 'Statement[0].Condition', message: 'unknown key, expected Effect, Action or Resource' },
        { path: 'Statement[0].Sid', message: 'unknown key, expected Effect, Action or Resource' },
      ],
    ],
    ['no statements', doc(), [{ path: 'Statement', message: 'must contain at least one statement' }]],
    ['a Statement object', { Version: '1', Statement: allow('cr:GetTag') }, [
      { path: 'Statement', message: 'must be an array of statements' },
    ]],
    [
      'more than 100 statements',
      doc(...Array.from({ length: 101 }, () => allow('cr:GetTag'))),
      [{ path: 'Statement', message: 'must have at most 100 statements' }],
    ],
    [
      'more than 100 actions',
      doc(allow(Array.from({ length: 101 }, () => 'cr:GetTag'))),
      [{ path: 'Statement[0].Action', message: 'must have at most 100 entries' }],
    ],
    ['an empty action list', doc(allow([])), [{ path: 'Statement[0].Action', message: 'must not be empty' }]],
    [
      'a non-string action',
      doc(allow(['cr:GetTag', 7])),
      [{ path: 'Statement[0].Action[1]', message: 'must be a string' }],
    ],
    [
      'an action of the wrong type',
      doc(allow({ cr: 'GetTag' })),
      [{ path: 'Statement[0].Action', message: 'must be a string or an array of strings' }],
    ],
    [
      'a missing Resource',
      doc({ Effect: 'Allow', Action: 'cr:GetTag' }),
      [{ path: 'Statement[0].Resource', message: 'is required' }],
    ],
    [
      'a string over 2048 characters',
      doc(allow('cr:GetTag', longResource)),
      [{ path: 'Statement[0].Resource', message: 'must be at most 2048 characters' }],
    ],
    ['a statement that is not an object', doc(allow('cr:GetTag'), 'x'), [{ path: 'Statement[1]', message: 'must be an object' }]],
    ['null', null, [{ path: '', message: 'must be an object' }]],
    ['an array', [doc(allow('cr:GetTag'))], [{ path: '', message: 'must be an object' }]],
    ['undefined', undefined, [{ path: '', message: 'must be a JSON object' }]],
  ])('%s', (_, input, expected) => {
    expect(errorsOf(input)).toEqual(expected);
  });

  it('reports every fault at once', () => {
    const paths = errorsOf({ Version: '0', Statement: [{ Effect: 'Maybe', Action: 'cr:Nope', Resource: 'bad' }] }).map(
      (e) => e.path,
    );
    expect(paths).toEqual(['Version', 'Statement[0].Effect', 'Statement[0].Action', 'Statement[0].Resource']);
  });

  it('refuses documents over 64 KiB before looking inside', () => {
    const resources = Array.from({ length: 100 }, (_, i) => `acs:cr:local:berth:repository/team/${'r'.repeat(700)}${i}`);
    expect(errorsOf(doc(allow('cr:NotAnAction', resources)))).toEqual([
      { path: '', message: 'must be at most 65536 bytes' },
    ]);
  });

  it('counts bytes, not characters', () => {
    expect(errorsOf({ ...doc(allow('cr:GetTag')), Note: 'é'.repeat(40_000) })).toEqual([
      { path: '', message: 'must be at most 65536 bytes' },
    ]);
  });

  it('rejects cyclic input instead of throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(errorsOf(cyclic)).toEqual([{ path: '', message: 'must be a JSON object' }]);
  });
});

describe('parsePolicyText', () => {
  const valid = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"cr:*","Resource":"*"}]}';

  it('accepts valid text, with or without a byte order mark', () => {
    expect(parsePolicyText(valid).ok).toBe(true);
    expect(parsePolicyText(`\uFEFF${valid}`).ok).toBe(true);
    expect(parsePolicyText(`\n  ${valid}\r\n`).ok).toBe(true);
  });

  it('validates the parsed document', () => {
    expect(parsePolicyText('{"Version":"1","Statement":[{"Effect":"Allow","Action":"cr:Nope","Resource":"*"}]}')).toEqual({
      ok: false,
      errors: [{ path: 'Statement[0].Action', message: 'unknown action "cr:Nope"' }],
    });
  });

  it.each<[string, string, number, number, string]>([
    [
      'a trailing comma',
      '{\n  "Version": "1",\n  "Statement": [\n    {"Effect": "Allow",}\n  ]\n}',
      4,
      24,
      'expected a double-quoted property name',
    ],
    ['a truncated document', '{"Version": "1"', 1, 16, 'unexpected end of input'],
    ['an unterminated string', '{"Version": "1}', 1, 13, 'unterminated string'],
    ['trailing data', '{"Version": "1"} x', 1, 18, 'unexpected "x"'],
    ['single quotes', "{'Version': '1'}", 1, 2, 'expected a double-quoted property name'],
    ['a misspelt literal', '{"a": tru}', 1, 7, 'unexpected "t"'],
    ['a bad escape', '{"a": "\\x"}', 1, 8, 'invalid escape in string'],
    ['a missing colon', '{"a" 1}', 1, 6, 'expected ":"'],
    ['a missing comma', '[1 2]', 1, 4, 'expected "," or "]"'],
    ['a leading zero', '[01]', 1, 3, 'expected "," or "]"'],
    ['a raw newline in a string', '{"a": "x\ny"}', 1, 9, 'control character in string'],
    ['CRLF line ends', '{\r\n"a": 1,\r\n}', 3, 1, 'expected a double-quoted property name'],
    ['empty text', '', 1, 1, 'unexpected end of input'],
    ['deep nesting', `${'['.repeat(100)}${']'.repeat(99)}`, 1, 65, 'nested deeper than 64 levels'],
  ])('locates %s', (_, text, line, column, problem) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(parsePolicyText(text)).toEqual({
      ok: false,
      errors: [{ path: '', message: `invalid JSON at line ${line}, column ${column}: ${problem}`, line, column }],
    });
  });

  it('refuses oversized text without parsing it', () => {
    expect(parsePolicyText(`{${' '.repeat(70_000)}`)).toEqual({
      ok: false,
      errors: [{ path: '', message: 'must be at most 65536 bytes' }],
    });
  });
});
