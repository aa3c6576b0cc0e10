import { describe, expect, it } from 'vitest';
import { renderTags, tagTemplateProblem } from './tag-template';

const values = { branch: 'feature/login', tag: null, sha: '0123456789abcdef0123456789abcdef01234567', date: new Date('2026-12-07T10:00:00Z') };

describe('tag templates', () => {
  it('renders every placeholder, and several comma-separated templates', () => {
    expect(renderTags('latest, {branch}-{sha:7}, {date}-{sha}', values)).toEqual({
      ok: true,
      tags: ['latest', 'feature-login-0123456', `20261207-${values.sha}`],
    });
  });

  it('refuses a placeholder with no value for the ref, rather than pushing a surprising tag', () => {
    expect(renderTags('{tag}', values)).toEqual({ ok: false, message: '{tag} has no value for this ref' });
  });

  it('says what is wrong with a template as written', () => {
    expect(tagTemplateProblem('{branch}-{commit}')).toMatch(/unknown placeholder \{commit\}/);
    expect(tagTemplateProblem('{date:3}')).toMatch(/only \{sha:N\}/);
    expect(tagTemplateProblem('{sha:41}')).toMatch(/1 to 40/);
    expect(tagTemplateProblem('-x')).toMatch(/not a valid tag/);
    expect(tagTemplateProblem('')).toBe('is required');
    expect(tagTemplateProblem('latest {branch}-{sha:7}')).toBeNull();
  });
});
