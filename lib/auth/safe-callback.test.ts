import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './safe-callback';

describe('sign-in callback', () => {
  it('keeps paths on this site', () => {
    expect(safeCallbackPath('/namespaces')).toBe('/namespaces');
    expect(safeCallbackPath('/repositories/team/app?tab=tags')).toBe('/repositories/team/app?tab=tags');
    expect(safeCallbackPath('/a/../namespaces')).toBe('/namespaces');
  });

  it('sends everything that could leave the site to /', () => {
    for (const v of [
      '//other-host:8998/phish',
      '/./\\/other-host',
      '/.//other-host:8998/phish',
      '/\\other-host',
      '\\\\other-host',
      '%2F%2Fother-host',
      '/%2F/other-host',
      '/%5Cother-host',
      '%252F%252Fother-host',
      'https://evil.example/repositories',
      'javascript:alert(1)',
      '/\tother',
      'repositories',
      '',
    ]) {
      expect(safeCallbackPath(v), v).toBe('/');
    }
    expect(safeCallbackPath(undefined)).toBe('/');
    expect(safeCallbackPath(['//x', '/ok'])).toBe('/');
  });

  it('never returns to the sign-in page or the API', () => {
    expect(safeCallbackPath('/sign-in?callbackUrl=/x')).toBe('/');
    expect(safeCallbackPath('/api/v1/users')).toBe('/');
  });
});
