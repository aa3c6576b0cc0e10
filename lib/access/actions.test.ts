import { describe, expect, it } from 'vitest';
import { ACTIONS, LEVEL_ACTIONS, LEVELS, isAction, levelAtLeast, type Level } from './actions';

describe('ACTIONS', () => {
  it('lists each action once, all in the cr: namespace', () => {
    expect(new Set(ACTIONS).size).toBe(ACTIONS.length);
    for (const action of ACTIONS) expect(action).toMatch(/^cr:[A-Z][A-Za-z]+$/);
  });

  it.each(['cr:ListTag', 'cr:GetTag', 'cr:DeleteManifest', 'cr:ManagePermission', 'cr:ScanImage', 'cr:ManagePolicy'])(
    'includes %s',
    (action) => expect(isAction(action)).toBe(true),
  );

  it.each(['cr:PushRepo', 'cr:pullrepository', 'PullRepository', ''])('does not include %j', (value) => {
    expect(isAction(value)).toBe(false);
  });
});

describe('levelAtLeast', () => {
  it.each<[Level, Level, boolean]>([
    ['read', 'read', true],
    ['read', 'write', false],
    ['read', 'admin', false],
    ['write', 'read', true],
    ['write', 'write', true],
    ['write', 'admin', false],
    ['admin', 'read', true],
    ['admin', 'write', true],
    ['admin', 'admin', true],
  ])('%s >= %s is %s', (a, b, expected) => {
    expect(levelAtLeast(a, b)).toBe(expected);
  });
});

describe('LEVEL_ACTIONS', () => {
  it.each(['repository', 'namespace'] as const)('each %s level includes the level below it', (scope) => {
    const table = LEVEL_ACTIONS[scope];
    expect(table.write).toEqual(expect.arrayContaining([...table.read]));
    expect(table.admin).toEqual(expect.arrayContaining([...table.write]));
  });

  it('repository read is pull, get/list of repository and tags, and reading scan reports, nothing more', () => {
    expect([...LEVEL_ACTIONS.repository.read].sort()).toEqual(
      ['cr:GetRepository', 'cr:GetScanReport', 'cr:GetTag', 'cr:ListRepository', 'cr:ListTag', 'cr:PullRepository'].sort(),
    );
  });

  it('repository write adds push (and creation by push)', () => {
    const added = LEVEL_ACTIONS.repository.write.filter((a) => !LEVEL_ACTIONS.repository.read.includes(a));
    expect(added.sort()).toEqual(['cr:CreateRepository', 'cr:PushRepository']);
  });

  it.each([
    'cr:DeleteTag',
    'cr:DeleteManifest',
    'cr:DeleteRepository',
    'cr:UpdateRepository',
    'cr:CreateWebhook',
    'cr:DeleteWebhook',
    'cr:ManagePermission',
    'cr:ScanImage',
  ] as const)('repository admin (only) allows %s', (action) => {
    expect(LEVEL_ACTIONS.repository.admin).toContain(action);
    expect(LEVEL_ACTIONS.repository.write).not.toContain(action);
  });

  it('never hands out installation-wide actions through a level', () => {
    const all = [...LEVEL_ACTIONS.repository.admin, ...LEVEL_ACTIONS.namespace.admin];
    for (const action of ['cr:ManageUser', 'cr:ManagePolicy', 'cr:GetAudit', 'cr:CreateNamespace', 'cr:ListNamespace']) {
      expect(all).not.toContain(action);
    }
  });

  it('namespace admin manages the namespace itself', () => {
    expect([...LEVEL_ACTIONS.namespace.admin].sort()).toEqual(
      ['cr:DeleteNamespace', 'cr:GetNamespace', 'cr:ManagePermission', 'cr:UpdateNamespace'].sort(),
    );
    expect(LEVEL_ACTIONS.namespace.write).toEqual(['cr:GetNamespace']);
  });

  it('covers every level', () => {
    expect(Object.keys(LEVEL_ACTIONS.repository).sort()).toEqual([...LEVELS].sort());
    expect(Object.keys(LEVEL_ACTIONS.namespace).sort()).toEqual([...LEVELS].sort());
  });
});
