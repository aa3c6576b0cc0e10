import { describe, expect, it } from 'vitest';
import { parseRepositoryRoute, repositoryHref } from './repository-paths';

describe('the Lifecycle tab route', () => {
  it('round-trips for nested repository names', () => {
    const href = repositoryHref('team/tools/cli', { tab: 'lifecycle' });
    expect(href).toBe('/repositories/team/tools/cli/-/lifecycle');
    expect(parseRepositoryRoute('team', ['tools', 'cli', '-', 'lifecycle'])).toEqual({ fullName: 'team/tools/cli', view: { tab: 'lifecycle' } });
  });

  it('names no view for anything after it', () => {
    expect(parseRepositoryRoute('team', ['app', '-', 'lifecycle', 'extra'])).toBeNull();
  });
});
