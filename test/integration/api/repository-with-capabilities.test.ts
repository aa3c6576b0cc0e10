// The repository page's first paint: the repository, what the caller may do on it and the tag to pull, from one
// lookup; hidden repositories answer like missing ones.
import { describe, expect, it } from 'vitest';
import { getRepositoryWithCapabilities } from '@/lib/services/repositories/get-repository-with-capabilities';
import { randomName } from '../../support/database';
import { OciClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();

const asUser = (u: { id: string; username: string }, isAdmin = false) => ({ kind: 'user', id: u.id, username: u.username, isAdmin }) as const;

describe('getRepositoryWithCapabilities', () => {
  it('gives an administrator the repository, every capability and the tag to pull', async () => {
    const name = `${randomName('ns')}/app`;
    await new OciClient(reg, reg.admin).pushImage(name, '2.0');
    const page = await getRepositoryWithCapabilities(reg.app, { actor: asUser(reg.admin, true), name });
    expect(page.repository).toMatchObject({ name, tagCount: 1 });
    expect(Object.values(page.can).every(Boolean)).toBe(true);
    expect(page.pullTag).toEqual({ tag: '2.0', reason: 'highest-version' });
  });

  it('lets anyone read a public repository without offering them changes, and hides a private one', async () => {
    const name = `${randomName('ns')}/app`;
    await new OciClient(reg, reg.admin).pushImage(name, 'latest');
    const user = await reg.createUser();
    await expect(getRepositoryWithCapabilities(reg.app, { actor: asUser(user), name })).rejects.toMatchObject({ name: 'DomainError', kind: 'absent' });
    await expect(getRepositoryWithCapabilities(reg.app, { actor: asUser(user), name: `${name}-missing` })).rejects.toMatchObject({ name: 'DomainError', kind: 'absent' });

    await reg.app.db.repository.update({ where: { name }, data: { visibility: 'PUBLIC' } });
    const page = await getRepositoryWithCapabilities(reg.app, { actor: asUser(user), name });
    expect(page.repository.visibility).toBe('public');
    expect(page.can).toMatchObject({ push: false, update: false, deleteTag: false, deleteRepository: false, managePermissions: false });
    expect(page.pullTag).toEqual({ tag: 'latest', reason: 'latest' });
  });
});
