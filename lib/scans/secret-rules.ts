/**
 * Patterns for credentials that are specific enough to report without context. Each pattern's
 * first capture group is the secret value (what gets masked).
 */
export interface SecretRule {
  id: string;
  pattern: RegExp;
  /** Only applied to files whose path matches (well-known config files). */
  pathPattern?: RegExp;
  /** Values that are documentation examples or placeholders, not secrets. */
  ignoreValue?: RegExp;
}

const PLACEHOLDER = /^(\$\{?[A-Za-z_]|<[^>]*>$|\*+$|x+$|changeme$|password$|secret$|null$|none$|true$|false$)/i;

export const SECRET_RULES: SecretRule[] = [
  {
    id: 'aws-access-key-id',
    pattern: /\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/g,
    // AWS documentation uses AKIAIOSFODNN7EXAMPLE.
    ignoreValue: /EXAMPLE$/,
  },
  { id: 'github-token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36})\b/g },
  { id: 'github-fine-grained-token', pattern: /\b(github_pat_\w{82})\b/g },
  { id: 'slack-token', pattern: /\b(xox[baprs]-[0-9A-Za-z-]{10,})/g },
  { id: 'slack-webhook', pattern: /(https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9_]+\/B[A-Za-z0-9_]+\/[A-Za-z0-9_]+)/g },
  { id: 'google-api-key', pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g },
  {
    id: 'npmrc-auth',
    pathPattern: /(^|\/)\.npmrc$/,
    pattern: /(?:_authToken|_auth|_password)\s*=\s*["']?([^\s"']+)/g,
    ignoreValue: PLACEHOLDER,
  },
  {
    id: 'pypirc-password',
    pathPattern: /(^|\/)\.pypirc$/,
    pattern: /^\s*password\s*[=:]\s*(\S+)/gi,
    ignoreValue: PLACEHOLDER,
  },
  {
    id: 'docker-config-auth',
    pathPattern: /(^|\/)\.docker\/config\.json$/,
    pattern: /"(?:auth|identitytoken)"\s*:\s*"([^"]{8,})"/g,
  },
  {
    id: 'git-credentials',
    pathPattern: /(^|\/)\.git-credentials$/,
    pattern: /^\s*[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:([^@\s]+)@/gi,
  },
  {
    id: 'env-secret',
    pathPattern: /(^|\/)\.env(\.[A-Za-z0-9_-]+)?$/,
    pattern: /^\s*(?:export\s+)?[A-Za-z0-9_]*(?:PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY)[A-Za-z0-9_]*\s*=\s*["']?([^\s"'#]+)/gi,
    ignoreValue: PLACEHOLDER,
  },
];

export const PRIVATE_KEY_HEADER = /-----BEGIN ((?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/;
export const AWS_SECRET_NEARBY = /(?:aws)?_?secret_?(?:access)?_?key\S*\s*[=:]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/i;
