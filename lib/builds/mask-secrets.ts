export const SECRET_MASK = '********';

/**
 * Returns a function that replaces every given secret (and the forms it travels in: URL-encoded, Basic-encoded
 * with its username) in a log line. Short strings are not masked: masking "a" would garble every line.
 */
export function secretMasker(secrets: readonly string[]): (line: string) => string {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    forms.add(s);
    forms.add(encodeURIComponent(s));
    forms.add(Buffer.from(s).toString('base64'));
    for (const line of s.split('\n')) if (line.trim().length >= 16) forms.add(line.trim());
  }
  const list = [...forms].sort((a, b) => b.length - a.length);
  return (line) => {
    let out = line;
    for (const f of list) if (out.includes(f)) out = out.split(f).join(SECRET_MASK);
    // Credentials written into a URL (https://user:token@host) are masked whatever they are.
    return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${SECRET_MASK}@`);
  };
}
