import { describe, expect, it } from 'vitest';
import { ACTIONS } from './actions';
import { BUILTIN_POLICIES, BUILTIN_POLICY_NAMES, isBuiltinPolicyName } from './builtin-policies';
import { evaluate } from './evaluate';
import { validatePolicyDocument } from './policy-document';

const anyRepository = 'acs:cr:local:berth:repository/some/where';

describe('built-in policies', () => {
  it.each(BUILTIN_POLICY_NAMES)('%s passes its own validation', (name) => {
    expect(validatePolicyDocument(BUILTIN_POLICIES[name]).ok).toBe(true);
  });

  it('AdministratorAccess allows every action', () => {
    const policies = [{ name: 'AdministratorAccess', document: BUILTIN_POLICIES.AdministratorAccess }];
    for (const action of ACTIONS) {
      expect(evaluate({ action, resource: anyRepository, grants: [], policies }).decision).toBe('allow');
    }
  });

  it('ReadOnlyAccess allows Get*, List* and pull, and nothing else', () => {
    const policies = [{ name: 'ReadOnlyAccess', document: BUILTIN_POLICIES.ReadOnlyAccess }];
    const allowed = ACTIONS.filter(
      (action) => evaluate({ action, resource: anyRepository, grants: [], policies }).decision === 'allow',
    );
    expect(allowed).toEqual(ACTIONS.filter((a) => /^cr:(Get|List)/.test(a) || a === 'cr:PullRepository'));
    expect(allowed).not.toContain('cr:PushRepository');
  });

  it.each([
    ['AdministratorAccess', true],
    ['ReadOnlyAccess', true],
    ['readonlyaccess', false],
    ['toString', false],
  ])('isBuiltinPolicyName(%j) is %s', (name, expected) => {
    expect(isBuiltinPolicyName(name)).toBe(expected);
  });
});
