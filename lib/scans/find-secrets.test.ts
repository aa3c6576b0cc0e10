import { describe, expect, it } from 'vitest';
import { createSecretScanner, DEFAULT_SECRET_LIMITS } from './create-secret-scanner';
import { findSecrets, maskSecret } from './find-secrets';
import { FAKE, PEM_KEY } from './test-support/fake-secrets';

describe('findSecrets', () => {
  it('finds provider tokens in any text file, masked', () => {
    const text = [
      `token: ${FAKE.githubToken}`,
      `pat = "${FAKE.githubPat}"`,
      `SLACK=${FAKE.slackToken}`,
      `maps_key: ${FAKE.googleKey}`,
    ].join('\n');
    expect(findSecrets(text, 'app/config.yaml')).toEqual([
      { rule: 'github-token', line: 1, masked: 'ghp_****' },
      { rule: 'github-fine-grained-token', line: 2, masked: 'gith****' },
      { rule: 'slack-token', line: 3, masked: 'xoxb****' },
      { rule: 'google-api-key', line: 4, masked: 'AIza****' },
    ]);
  });

  it('pairs an AWS key id with a secret key nearby, ignoring the documentation example', () => {
    const text = `[default]\naws_access_key_id = ${FAKE.awsKeyId}\naws_secret_access_key = ${FAKE.awsSecret}\n# AKIAIOSFODNN7EXAMPLE\n`;
    expect(findSecrets(text, 'root/.aws/credentials')).toEqual([
      { rule: 'aws-access-key-id', line: 2, masked: 'AKIA****' },
      { rule: 'aws-secret-access-key', line: 3, masked: 'wJal****' },
    ]);
  });

  it('masks the key material of a PEM private key, not its header', () => {
    expect(findSecrets(PEM_KEY, 'etc/ssl/private/server.key')).toEqual([{ rule: 'private-key', line: 1, masked: 'MIIE****' }]);
  });

  it('applies password rules only to their well-known files, skipping placeholders', () => {
    const env = `DB_HOST=db\nDB_PASSWORD=${FAKE.dbPassword}\nAPI_TOKEN=\${API_TOKEN}\nSECRET_KEY=changeme\n`;
    expect(findSecrets(env, 'app/.env')).toEqual([{ rule: 'env-secret', line: 2, masked: 'hunt****' }]);
    expect(findSecrets(env, 'app/env.sample')).toEqual([]);
    expect(findSecrets(`//registry.npmjs.org/:_authToken=${FAKE.npmToken}\n`, 'root/.npmrc')).toEqual([
      { rule: 'npmrc-auth', line: 1, masked: 'npm_****' },
    ]);
    expect(findSecrets(`[pypi]\nusername = __token__\npassword = ${FAKE.dbPassword}\n`, 'root/.pypirc')).toEqual([
      { rule: 'pypirc-password', line: 3, masked: 'hunt****' },
    ]);
    const auth = Buffer.from(`robot:${FAKE.dbPassword}`).toString('base64');
    expect(findSecrets(`{"auths":{"registry.example.com":{"auth":"${auth}"}}}`, 'root/.docker/config.json')).toEqual([
      { rule: 'docker-config-auth', line: 1, masked: `${auth.slice(0, 4)}****` },
    ]);
    expect(findSecrets(`https://bot:${FAKE.dbPassword}@git.example.com\n`, 'root/.git-credentials')).toEqual([
      { rule: 'git-credentials', line: 1, masked: 'hunt****' },
    ]);
  });

  it('masks to four characters', () => {
    expect(maskSecret('abcdefgh')).toBe('abcd****');
  });
});

describe('createSecretScanner', () => {
  const file = (path: string, size: number) => ({ path, size, mode: 0o644 });

  it('skips binaries, big files and third-party trees, and bounds the total work', async () => {
    const scanner = createSecretScanner({ ...DEFAULT_SECRET_LIMITS, maxTotalBytes: 100 });
    expect(scanner.accepts(file('app/huge.log', 11 * 1024 * 1024))).toBe(false);
    expect(scanner.accepts(file('app/node_modules/x/test/key.pem', 10))).toBe(false);
    expect(scanner.accepts(file('usr/share/doc/x/README', 10))).toBe(false);

    const binary = scanner.open(file('app/bin', 40), 0);
    expect(binary.write(Buffer.concat([Buffer.from(FAKE.githubToken), Buffer.from([0])]))).toBe(false);
    await binary.finish();

    const text = scanner.open(file('app/config', 45), 2);
    text.write(Buffer.from(`x=${FAKE.githubToken}\n`));
    await text.finish();
    expect(scanner.findings).toEqual([{ rule: 'github-token', line: 1, masked: 'ghp_****', path: 'app/config', layerIndex: 2 }]);

    expect(scanner.accepts(file('app/more', 90))).toBe(false);
    expect(scanner.stats.truncated).toBe(true);
  });
});
