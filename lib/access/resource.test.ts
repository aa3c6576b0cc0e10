import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RESOURCE_CONTEXT,
  actionMatches,
  instanceResource,
  namespaceResource,
  parseResource,
  repositoryResource,
  resourceMatches,
} from './resource';

const ctx = { region: 'eu-1', account: 'acme' };

describe('resource builders', () => {
  it('build RAM-style names from the installation context', () => {
    expect(repositoryResource(ctx, 'team/tools/cli')).toBe('acs:cr:eu-1:acme:repository/team/tools/cli');
    expect(namespaceResource(ctx, 'team')).toBe('acs:cr:eu-1:acme:namespace/team');
    expect(instanceResource(ctx)).toBe('acs:cr:eu-1:acme:instance');
  });

  it('default to region local and account berth', () => {
    expect(instanceResource(DEFAULT_RESOURCE_CONTEXT)).toBe('acs:cr:local:berth:instance');
  });

  it('produce names that parse back', () => {
    expect(parseResource(repositoryResource(ctx, 'team/tools/cli'))).toEqual({
      kind: 'repository',
      region: 'eu-1',
      account: 'acme',
      name: 'team/tools/cli',
      namespace: 'team',
    });
    expect(parseResource(namespaceResource(ctx, 'team'))).toEqual({
      kind: 'namespace',
      region: 'eu-1',
      account: 'acme',
      namespace: 'team',
    });
    expect(parseResource(instanceResource(ctx))).toEqual({ kind: 'instance', region: 'eu-1', account: 'acme' });
  });
});

describe('parseResource', () => {
  it.each([
    ['*', 'any'],
    ['acs:cr:*:*:*', 'any'],
    ['acs:cr:*:*:instance', 'instance'],
    ['acs:cr:cn-*:123456:namespace/team', 'namespace'],
    ['acs:cr:local:berth:namespace/*', 'namespace'],
    ['acs:cr:local:berth:namespace/team-*', 'namespace'],
    ['acs:cr:local:berth:repository/team/app', 'repository'],
    ['acs:cr:local:berth:repository/team/*', 'repository'],
    ['acs:cr:local:berth:repository/team/tools/cli', 'repository'],
    ['acs:cr:local:berth:repository/*', 'repository'],
    ['acs:cr:local:berth:repository/a.b__c-d/e_f', 'repository'],
  ])('accepts %s as %s', (input, kind) => {
    expect(parseResource(input)?.kind).toBe(kind);
  });

  it.each([
    'foo',
    '',
    '**x',
    'acs:cr:local:berth',
    'acs:cr:local:berth:repository/team/app:latest',
    'acs:ecs:local:berth:instance',
    'arn:cr:local:berth:instance',
    'acs:cr::berth:instance',
    'acs:cr:local::instance',
    'acs:cr:local:berth:',
    'acs:cr:local:berth:instances',
    'acs:cr:local:berth:repository/team',
    'acs:cr:local:berth:repository/Team/app',
    'acs:cr:local:berth:repository/team//app',
    'acs:cr:local:berth:repository/team/app/',
    'acs:cr:local:berth:repository/-team/app',
    'acs:cr:local:berth:namespace/team/app',
    'acs:cr:local:berth:namespace/',
    'acs:cr:local:berth:webhook/team',
  ])('rejects %j', (input) => {
    expect(parseResource(input)).toBeNull();
  });
});

describe('resourceMatches', () => {
  const repo = (name: string) => `acs:cr:local:berth:repository/${name}`;

  it.each([
    ['*', repo('team/app'), true],
    [repo('team/app'), repo('team/app'), true],
    [repo('team/app'), repo('team/app2'), false],
    [repo('team/*'), repo('team/app'), true],
    // `*` runs across `/`, so a namespace pattern covers nested repositories.
    [repo('team/*'), repo('team/tools/cli'), true],
    [repo('team/*'), repo('team2/app'), false],
    [repo('team*'), repo('team2/app'), true],
    [repo('*/cli'), repo('team/tools/cli'), true],
    [repo('*/cli'), repo('team/tools/cli2'), false],
    [repo('t*m/*/c*i'), repo('team/tools/cli'), true],
    [repo('t*m/*/c*i'), repo('team/tools/cl'), false],
    [repo('a*a'), repo('a'), false],
    [repo('a*a'), repo('aa'), true],
    [repo('ab*ba'), repo('aba'), false],
    ['acs:cr:*:*:repository/team/*', repo('team/app'), true],
    ['acs:cr:*:acme:repository/team/*', repo('team/app'), false],
    ['acs:cr:*:*:*', 'acs:cr:local:berth:instance', true],
    ['acs:cr:*:*:namespace/*', repo('team/app'), false],
    [repo('team/app'), repo('TEAM/app'), false],
  ])('%s ~ %s is %s', (pattern, resource, expected) => {
    expect(resourceMatches(pattern, resource)).toBe(expected);
  });

  it('stays correct after the matcher cache has turned over', () => {
    for (let i = 0; i < 3000; i++) {
      expect(resourceMatches(repo(`ns${i}/*`), repo(`ns${i}/app`))).toBe(true);
      expect(resourceMatches(repo(`ns${i}/*`), repo(`ns${i + 1}/app`))).toBe(false);
    }
    expect(resourceMatches(repo('ns0/*'), repo('ns0/x'))).toBe(true);
  });
});

describe('actionMatches', () => {
  it.each([
    ['cr:PullRepository', 'cr:PullRepository', true],
    ['cr:PullRepository', 'cr:PushRepository', false],
    ['*', 'cr:ManageUser', true],
    ['cr:*', 'cr:ManageUser', true],
    ['cr:Get*', 'cr:GetTag', true],
    ['cr:Get*', 'cr:ListTag', false],
    ['cr:*Repository', 'cr:DeleteRepository', true],
    ['cr:*Repository', 'cr:DeleteTag', false],
    // The action name is case-insensitive, as in RAM and IAM.
    ['cr:pullrepository', 'cr:PullRepository', true],
    ['cr:get*', 'cr:GetNamespace', true],
    // The service prefix is not.
    ['CR:PullRepository', 'cr:PullRepository', false],
    ['c*', 'cr:PullRepository', false],
    ['cr:Pull', 'cr:PullRepository', false],
  ])('%s ~ %s is %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });
});
