import { isTag } from '@/lib/oci/names';

/** What a tag template may say: `{branch}`, `{tag}`, `{sha}`, `{sha:7}` (any length 1–40), `{date}` (UTC, YYYYMMDD). */
const PLACEHOLDER = /\{([a-z]+)(?::(\d+))?\}/g;
const NAMES = ['branch', 'tag', 'sha', 'date'] as const;
export const MAX_TAG_TEMPLATE_LENGTH = 200;

export interface TemplateValues {
  branch?: string | null;
  tag?: string | null;
  sha: string;
  date: Date;
}

export const MAX_TAGS_PER_BUILD = 10;

/** The templates of a rule: one or more, separated by commas or spaces (`latest, {branch}-{sha:7}`). */
export function splitTagTemplates(template: string): string[] {
  return template.split(/[\s,]+/).filter(Boolean);
}

/** A problem with a template as written, or null: unknown placeholders and characters no tag may hold. */
export function tagTemplateProblem(templates: string): string | null {
  if (!templates.trim()) return 'is required';
  if (templates.length > MAX_TAG_TEMPLATE_LENGTH) return `at most ${MAX_TAG_TEMPLATE_LENGTH} characters`;
  const list = splitTagTemplates(templates);
  if (list.length > MAX_TAGS_PER_BUILD) return `at most ${MAX_TAGS_PER_BUILD} tags`;
  for (const t of list) {
    const problem = oneTemplateProblem(t);
    if (problem) return problem;
  }
  return null;
}

/** Renders every template of a rule; the first problem wins. Duplicates (`latest, latest`) count once. */
export function renderTags(templates: string, v: TemplateValues): { ok: true; tags: string[] } | { ok: false; message: string } {
  const tags: string[] = [];
  for (const t of splitTagTemplates(templates)) {
    const r = renderTagTemplate(t, v);
    if (!r.ok) return r;
    if (!tags.includes(r.tag)) tags.push(r.tag);
  }
  return { ok: true, tags };
}

function oneTemplateProblem(template: string): string | null {
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (!(NAMES as readonly string[]).includes(m[1]!)) return `unknown placeholder {${m[1]}}; use {branch}, {tag}, {sha}, {sha:7} or {date}`;
    if (m[2] !== undefined && (m[1] !== 'sha' || Number(m[2]) < 1 || Number(m[2]) > 40)) return `{${m[1]}:${m[2]}}: only {sha:N} takes a length, 1 to 40`;
  }
  const sample = renderTagTemplate(template, { branch: 'main', tag: 'v1.0.0', sha: 'a'.repeat(40), date: new Date(0) });
  if (!sample.ok) return sample.message;
  return null;
}

/**
 * Renders a template into one tag. A `{branch}` of a tag build (or `{tag}` of a branch build) has no value: that is
 * an error, not an empty string, so a build never pushes a surprising tag. Characters a tag may not hold (`/` in
 * `feature/x`) become `-`, as registries' build services commonly do.
 */
export function renderTagTemplate(template: string, v: TemplateValues): { ok: true; tag: string } | { ok: false; message: string } {
  let missing: string | null = null;
  const out = template.replace(PLACEHOLDER, (all, name: string, len?: string) => {
    switch (name) {
      case 'branch':
        if (!v.branch) missing = 'branch';
        return sanitize(v.branch ?? '');
      case 'tag':
        if (!v.tag) missing = 'tag';
        return sanitize(v.tag ?? '');
      case 'sha':
        return len ? v.sha.slice(0, Number(len)) : v.sha;
      case 'date':
        return v.date.toISOString().slice(0, 10).replace(/-/g, '');
      default:
        return all;
    }
  });
  if (missing) return { ok: false, message: `{${missing}} has no value for this ref` };
  if (!isTag(out)) return { ok: false, message: `"${out.slice(0, 140)}" is not a valid tag (letters, digits, _ . -, at most 128, not starting with . or -)` };
  return { ok: true, tag: out };
}

function sanitize(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]/g, '-');
}
