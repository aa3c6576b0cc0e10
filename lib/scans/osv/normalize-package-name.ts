/**
 * The form in which a package name is looked up. PyPI names are case- and separator-insensitive
 * (PEP 503), so `PyYAML`, `pyyaml` and `py_yaml` must find the same advisories.
 */
export function normalizePackageName(ecosystem: string, name: string): string {
  if (ecosystem === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  return name;
}
