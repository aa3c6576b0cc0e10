// OCI distribution-spec name and tag grammar.
const COMPONENT = '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*';
const NAME_RE = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const COMPONENT_RE = new RegExp(`^${COMPONENT}$`);
const TAG_RE = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;

export const MAX_NAME_LENGTH = 255;

export type NameProblem = 'empty' | 'too-long' | 'grammar' | 'no-namespace';

/**
 * Checks a repository name. Berth addresses every repository as `<namespace>/<name…>`: a name with a single
 * component has no namespace to belong to, so it is refused.
 */
export function checkRepositoryName(name: string): NameProblem | null {
  if (!name) return 'empty';
  if (name.length > MAX_NAME_LENGTH) return 'too-long';
  if (!NAME_RE.test(name)) return 'grammar';
  if (!name.includes('/')) return 'no-namespace';
  return null;
}

export function describeNameProblem(name: string, problem: NameProblem): string {
  switch (problem) {
    case 'empty':
      return 'repository name is empty';
    case 'too-long':
      return `repository name is longer than ${MAX_NAME_LENGTH} characters`;
    case 'grammar':
      return `invalid repository name "${name.slice(0, 300)}": components are lowercase letters and digits, separated by ".", "_", "__" or "-"`;
    case 'no-namespace':
      return `repository name "${name}" must be "<namespace>/<repository>"`;
  }
}

export function isNamespaceName(name: string): boolean {
  return name.length <= MAX_NAME_LENGTH && COMPONENT_RE.test(name);
}

export function namespaceOf(repositoryName: string): string {
  const i = repositoryName.indexOf('/');
  return i === -1 ? repositoryName : repositoryName.slice(0, i);
}

export function isTag(s: string): boolean {
  return TAG_RE.test(s);
}
