import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Action } from './actions';
import { BUILTIN_POLICIES } from './builtin-policies';
import { evaluate, type Decision, type Grant } from './evaluate';
import type { PolicyDocument } from './policy-document';
import { instanceResource, namespaceResource, repositoryResource } from './resource';

const ctx = { region: 'local', account: 'berth' };
const unique = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`;

// Random names per run, so nothing here depends on what another test created.
const ns = unique('team');
const other = `${ns}x`; // shares a prefix with ns, so a sloppy prefix match would leak into it
const app = repositoryResource(ctx, `${ns}/app`);
const nested = repositoryResource(ctx, `${ns}/tools/cli`);
const elsewhere = repositoryResource(ctx, `${other}/app`);
const nsResource = namespaceResource(ctx, ns);
const instance = instanceResource(ctx);

const grant = (source: Grant['source'], level: Grant['level'], resource: string): Grant => ({ source, level, resource });
const policy = (name: string, ...Statement: PolicyDocument['Statement']) => ({ name, document: { Version: '1' as const, Statement } });

function decide(action: Action, resource: string, grants: Grant[] = [], policies: ReturnType<typeof policy>[] = []) {
  return evaluate({ action, resource, grants, policies });
}

describe('evaluate with grants only', () => {
  const repoRead = grant('repository', 'read', app);
  const repoWrite = grant('repository', 'write', app);
  const repoAdmin = grant('repository', 'admin', app);
  const nsRead = grant('namespace', 'read', nsResource);
  const nsWrite = grant('namespace', 'write', nsResource);
  const owner = grant('owner', 'admin', nsResource);
  const admin = grant('admin', 'admin', '*');

  it.each<[string, Grant | null, Action, string, boolean]>([
    ['nobody', null, 'cr:PullRepository', app, false],
    ['repository read', repoRead, 'cr:PullRepository', app, true],
    ['repository read', repoRead, 'cr:ListTag', app, true],
    ['repository read', repoRead, 'cr:PushRepository', app, false],
    ['repository read', repoRead, 'cr:PullRepository', nested, false],
    ['repository write', repoWrite, 'cr:PushRepository', app, true],
    ['repository write', repoWrite, 'cr:DeleteTag', app, false],
    ['repository admin', repoAdmin, 'cr:DeleteManifest', app, true],
    ['repository admin', repoAdmin, 'cr:ManagePermission', app, true],
    ['repository admin', repoAdmin, 'cr:CreateWebhook', app, true],
    ['repository admin', repoAdmin, 'cr:GetNamespace', nsResource, false],
    ['repository admin', repoAdmin, 'cr:PullRepository', elsewhere, false],
    ['namespace read', nsRead, 'cr:PullRepository', nested, true],
    ['namespace read', nsRead, 'cr:GetNamespace', nsResource, true],
    ['namespace read', nsRead, 'cr:PushRepository', app, false],
    ['namespace read', nsRead, 'cr:PullRepository', elsewhere, false],
    ['namespace write', nsWrite, 'cr:PushRepository', nested, true],
    ['namespace write', nsWrite, 'cr:CreateRepository', repositoryResource(ctx, `${ns}/new`), true],
    ['namespace write', nsWrite, 'cr:UpdateNamespace', nsResource, false],
    ['namespace owner', owner, 'cr:DeleteRepository', nested, true],
    ['namespace owner', owner, 'cr:DeleteNamespace', nsResource, true],
    ['namespace owner', owner, 'cr:ManagePermission', nsResource, true],
    ['namespace owner', owner, 'cr:DeleteNamespace', namespaceResource(ctx, other), false],
    ['namespace owner', owner, 'cr:CreateNamespace', instance, false],
    ['namespace owner', owner, 'cr:ManageUser', instance, false],
    ['installation admin', admin, 'cr:ManageUser', instance, true],
    ['installation admin', admin, 'cr:DeleteNamespace', namespaceResource(ctx, other), true],
    ['a grant in another account', grant('namespace', 'admin', namespaceResource({ ...ctx, account: 'x' }, ns)), 'cr:PullRepository', app, false],
    ['a grant on an unparsable resource', repoRead, 'cr:PullRepository', 'not a resource', false],
  ])('%s: %s on %s → %s', (_, g, action, resource, allowed) => {
    const result = decide(action, resource, g ? [g] : []);
    expect(result.decision).toBe(allowed ? 'allow' : 'deny');
    expect(result.reason).toBe(allowed ? 'allowed' : 'implicit-deny');
  });

  it('explains which grant allowed', () => {
    expect(decide('cr:PushRepository', app, [repoRead, nsWrite])).toEqual<Decision>({
      decision: 'allow',
      reason: 'allowed',
      matched: [{ kind: 'grant', source: 'namespace', level: 'write' }],
    });
    expect(decide('cr:ManageUser', instance, [admin]).matched).toEqual([{ kind: 'grant', source: 'admin' }]);
  });

  it.each<[Action, boolean]>([
    ['cr:PullRepository', true],
    ['cr:GetRepository', true],
    ['cr:ListTag', true],
    ['cr:GetTag', true],
    ['cr:PushRepository', false],
    ['cr:DeleteTag', false],
    ['cr:GetScanReport', true],
  ])('a public repository allows %s: %s, whatever level is passed', (action, allowed) => {
    const result = decide(action, app, [grant('public', 'admin', app)]);
    expect(result.decision).toBe(allowed ? 'allow' : 'deny');
    if (allowed) expect(result.matched).toEqual([{ kind: 'grant', source: 'public', level: 'read' }]);
  });
});

describe('evaluate with policies', () => {
  const denyDelete = policy('no-delete', { Effect: 'Deny', Action: 'cr:Delete*', Resource: `acs:cr:*:*:repository/${ns}/*` });
  const readOnly = { name: 'ReadOnlyAccess', document: BUILTIN_POLICIES.ReadOnlyAccess };

  it('allows through an Allow statement and names it', () => {
    const pushers = policy(
      'pushers',
      { Effect: 'Allow', Action: 'cr:GetTag', Resource: '*' },
      { Effect: 'Allow', Action: ['cr:pushrepository'], Resource: `acs:cr:local:berth:repository/${ns}/*` },
    );
    expect(decide('cr:PushRepository', nested, [], [pushers])).toEqual<Decision>({
      decision: 'allow',
      reason: 'allowed',
      matched: [{ kind: 'policy', policy: 'pushers', statementIndex: 1, effect: 'Allow' }],
    });
    expect(decide('cr:PushRepository', elsewhere, [], [pushers]).reason).toBe('implicit-deny');
  });

  it('reaches installation-wide actions', () => {
    expect(decide('cr:GetAudit', instance, [], [readOnly]).decision).toBe('allow');
    expect(decide('cr:ManageUser', instance, [], [readOnly]).decision).toBe('deny');
  });

  it('lists grants and Allow statements together', () => {
    expect(decide('cr:PullRepository', app, [grant('repository', 'read', app)], [readOnly]).matched).toEqual([
      { kind: 'grant', source: 'repository', level: 'read' },
      { kind: 'policy', policy: 'ReadOnlyAccess', statementIndex: 0, effect: 'Allow' },
    ]);
  });

  it.each<[string, Grant[]]>([
    ['a repository admin grant', [grant('repository', 'admin', app)]],
    ['namespace ownership', [grant('owner', 'admin', nsResource)]],
    ['installation admin', [grant('admin', 'admin', '*')]],
  ])('an explicit Deny beats %s', (_, grants) => {
    expect(decide('cr:DeleteRepository', app, grants, [denyDelete])).toEqual<Decision>({
      decision: 'deny',
      reason: 'explicit-deny',
      matched: [{ kind: 'policy', policy: 'no-delete', statementIndex: 0, effect: 'Deny' }],
    });
    // Only what the Deny names is taken away.
    expect(decide('cr:PushRepository', app, grants, [denyDelete]).decision).toBe('allow');
  });

  it('an explicit Deny beats an Allow in another policy', () => {
    const all = { name: 'AdministratorAccess', document: BUILTIN_POLICIES.AdministratorAccess };
    expect(decide('cr:DeleteTag', nested, [], [all, denyDelete]).reason).toBe('explicit-deny');
    expect(decide('cr:DeleteTag', elsewhere, [], [all, denyDelete]).reason).toBe('allowed');
  });

  it('a Deny that does not match changes nothing', () => {
    expect(decide('cr:PullRepository', app, [grant('repository', 'read', app)], [denyDelete]).reason).toBe('allowed');
  });

  it('an Allow for an action never matches another action', () => {
    const p = policy('p', { Effect: 'Allow', Action: 'cr:GetRepository', Resource: '*' });
    expect(decide('cr:GetNamespace', nsResource, [], [p]).reason).toBe('implicit-deny');
  });

  it('is fast enough to run on every request', () => {
    const grants = [
      grant('repository', 'read', repositoryResource(ctx, `${ns}/a`)),
      grant('namespace', 'write', namespaceResource(ctx, other)),
      grant('owner', 'admin', nsResource),
    ];
    const policies = [readOnly, denyDelete];
    const started = performance.now();
    for (let i = 0; i < 20_000; i++) decide('cr:PushRepository', nested, grants, policies);
    // Generous bound: catches accidental per-call RegExp construction or parsing blow-ups, not machine speed.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
