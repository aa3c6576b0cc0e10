import { AWS_SECRET_NEARBY, PRIVATE_KEY_HEADER, SECRET_RULES } from './secret-rules';

export interface SecretMatch {
  rule: string;
  line: number;
  masked: string;
}

const MAX_MATCHES_PER_FILE = 50;
// Every general rule's match contains one of these literally.
const MARKERS = ['AKIA', 'ASIA', 'gho_', 'ghp_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_', 'xox', 'hooks.slack.com', 'AIza', 'PRIVATE KEY'];
// An AWS secret key is only reported next to a key id: 40 base64 characters alone are too common.
const AWS_SECRET_WINDOW = 5;

/** The first four characters and a fixed mask: enough to recognize a key, useless to an attacker. */
export function maskSecret(value: string): string {
  return `${value.slice(0, 4)}****`;
}

/**
 * Finds credentials in one text file. Returns only rule ids, line numbers and masked values;
 * the matched text itself never leaves this function.
 */
export function findSecrets(text: string, path: string): SecretMatch[] {
  const rules = SECRET_RULES.filter((rule) => !rule.pathPattern || rule.pathPattern.test(path));
  // Most text files contain none of the markers: one substring pass spares the per-line regexes.
  const fileSpecific = rules.some((rule) => rule.pathPattern);
  if (!fileSpecific && !MARKERS.some((marker) => text.includes(marker))) return [];
  const lines = text.split('\n');
  const found: SecretMatch[] = [];
  const push = (rule: string, index: number, value: string) => {
    if (found.length < MAX_MATCHES_PER_FILE) found.push({ rule, line: index + 1, masked: maskSecret(value) });
  };
  for (let i = 0; i < lines.length && found.length < MAX_MATCHES_PER_FILE; i += 1) {
    const line = lines[i];
    const header = PRIVATE_KEY_HEADER.exec(line);
    if (header) {
      // Mask the key material, not the header everyone can read.
      const body = lines.slice(i + 1).find((l) => l.trim() && !/^[A-Za-z-]+:/.test(l.trim()));
      push('private-key', i, body?.trim() ?? header[1]);
    }
    for (const rule of rules) {
      rule.pattern.lastIndex = 0;
      for (let m = rule.pattern.exec(line); m; m = rule.pattern.exec(line)) {
        const value = m[1];
        if (!value || rule.ignoreValue?.test(value)) continue;
        push(rule.id, i, value);
        if (rule.id === 'aws-access-key-id') findAwsSecretNear(lines, i, push);
      }
    }
  }
  return found;
}

function findAwsSecretNear(lines: string[], at: number, push: (rule: string, index: number, value: string) => void) {
  const from = Math.max(0, at - AWS_SECRET_WINDOW);
  const to = Math.min(lines.length, at + AWS_SECRET_WINDOW + 1);
  for (let j = from; j < to; j += 1) {
    const m = AWS_SECRET_NEARBY.exec(lines[j]);
    if (m) {
      push('aws-secret-access-key', j, m[1]);
      return;
    }
  }
}
