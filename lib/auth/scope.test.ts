import { describe, expect, it } from 'vitest';
import { ScopeError, formatScope, parseScope, scopeToActions, type Scope } from './scope';

describe('parseScope', () => {
  it.each<[string, Scope[]]>([
    ['repository:team/app:pull', [{ type: 'repository', name: 'team/app', actions: ['pull'] }]],
    ['repository:team/tools/cli:push,pull', [{ type: 'repository', name: 'team/tools/cli', actions: ['pull', 'push'] }]],
    ['repository:library/alpine:*', [{ type: 'repository', name: 'library/alpine', actions: ['*'] }]],
    ['repository:a:delete', [{ type: 'repository', name: 'a', actions: ['delete'] }]],
    ['repository:a.b/c__d/e-f:pull', [{ type: 'repository', name: 'a.b/c__d/e-f', actions: ['pull'] }]],
    // The class is part of the spec's grammar but means nothing to Berth.
    ['repository(plugin):team/app:pull', [{ type: 'repository', name: 'team/app', actions: ['pull'] }]],
    ['registry:catalog:*', [{ type: 'registry', name: 'catalog', actions: ['*'] }]],
    [
      'repository:a/b:pull  repository:c/d:push registry:catalog:*',
      [
        { type: 'repository', name: 'a/b', actions: ['pull'] },
        { type: 'repository', name: 'c/d', actions: ['push'] },
        { type: 'registry', name: 'catalog', actions: ['*'] },
      ],
    ],
    ['repository:a/b:pull repository:a/b:push,pull', [{ type: 'repository', name: 'a/b', actions: ['pull', 'push'] }]],
    ['', []],
    ['   ', []],
    // Unknown resource types are skipped, as the spec asks.
    ['plugin:x:pull repository:a/b:pull', [{ type: 'repository', name: 'a/b', actions: ['pull'] }]],
    ['registry:other:*', []],
  ])('%j', (param, expected) => {
    expect(parseScope(param)).toEqual(expected);
  });

  it.each([
    ['repository:a/b', 'expected <type>:<name>:<actions>'],
    ['repository', 'expected <type>:<name>:<actions>'],
    ['Repository:a/b:pull', 'invalid resource type'],
    ['repository(:a/b:pull', 'invalid resource type'],
    ['repository:localhost:5000/a/b:pull', 'repository names carry no host or port'],
    ['repository:Team/app:pull', 'invalid repository name'],
    ['repository:/app:pull', 'invalid repository name'],
    ['repository:team/:pull', 'invalid repository name'],
    ['repository::pull', 'invalid repository name'],
    [`repository:${'a'.repeat(256)}:pull`, 'invalid repository name'],
    ['repository:a/b:pull,fly', 'unknown action "fly"'],
    ['repository:a/b:', 'unknown action ""'],
    ['registry:catalog:pull', 'registry:catalog takes only "*"'],
  ])('rejects %j', (param, problem) => {
    let thrown: unknown;
    try {
      parseScope(`repository:ok/fine:pull ${param}`);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScopeError);
    expect(thrown).toMatchObject({ scope: param, problem });
  });
});

describe('formatScope', () => {
  it('formats one scope or several', () => {
    expect(formatScope({ type: 'repository', name: 'a/b', actions: ['pull', 'push'] })).toBe('repository:a/b:pull,push');
    expect(
      formatScope([
        { type: 'repository', name: 'a/b', actions: ['pull'] },
        { type: 'registry', name: 'catalog', actions: ['*'] },
      ]),
    ).toBe('repository:a/b:pull registry:catalog:*');
  });

  it.each(['repository:team/tools/cli:pull,push', 'registry:catalog:*', 'repository:a/b:delete repository:c/d:*'])(
    'round-trips %j',
    (param) => expect(formatScope(parseScope(param))).toBe(param),
  );
});

describe('scopeToActions', () => {
  const ctx = { region: 'local', account: 'berth' };
  const repo = 'acs:cr:local:berth:repository/team/app';

  it.each<[string, ReturnType<typeof scopeToActions>]>([
    ['repository:team/app:pull', [{ scopeAction: 'pull', checks: [{ action: 'cr:PullRepository', resource: repo }] }]],
    [
      'repository:team/app:pull,push',
      [
        { scopeAction: 'pull', checks: [{ action: 'cr:PullRepository', resource: repo }] },
        { scopeAction: 'push', checks: [{ action: 'cr:PushRepository', resource: repo }] },
      ],
    ],
    [
      'repository:team/app:delete',
      [
        {
          scopeAction: 'delete',
          checks: [
            { action: 'cr:DeleteManifest', resource: repo },
            { action: 'cr:DeleteTag', resource: repo },
          ],
        },
      ],
    ],
    [
      'repository:team/app:pull,*',
      [
        { scopeAction: 'pull', checks: [{ action: 'cr:PullRepository', resource: repo }] },
        { scopeAction: 'push', checks: [{ action: 'cr:PushRepository', resource: repo }] },
        {
          scopeAction: 'delete',
          checks: [
            { action: 'cr:DeleteManifest', resource: repo },
            { action: 'cr:DeleteTag', resource: repo },
          ],
        },
      ],
    ],
    [
      'registry:catalog:*',
      [{ scopeAction: '*', checks: [{ action: 'cr:ListRepository', resource: 'acs:cr:local:berth:instance' }] }],
    ],
  ])('%s', (param, expected) => {
    const [scope] = parseScope(param);
    expect(scopeToActions(scope, ctx)).toEqual(expected);
  });
});
