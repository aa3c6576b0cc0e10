import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { issueRegistryToken } from '@/lib/auth/registry-token';
import type { AppContext } from '@/lib/services/context';
import { TOKEN_ISSUER } from '@/lib/services/auth/actor-from-bearer';
import { refreshAudience } from '@/lib/services/auth/issue-token';
import { getKeySet } from '@/lib/services/auth/signing-keys';

/** host:port at which a build reaches this server's registry: BERTH_BUILD_REGISTRY, else loopback and PORT. */
export function buildRegistryAddress(app: AppContext): string {
  if (app.config.builds.registryAddress) return app.config.builds.registryAddress;
  const host = ['0.0.0.0', '::', '', 'localhost'].includes(app.config.host) ? '127.0.0.1' : app.config.host;
  return `${host.includes(':') ? `[${host}]` : host}:${app.config.port}`;
}

/**
 * Writes the registry credentials a build's buildah uses, in its own files under the work directory:
 * - an auth file whose `identitytoken` is a refresh token for the rule's owner, valid for the build's time limit
 *   only. buildah trades it at /auth/token (OAuth2 refresh_token grant) for access tokens per scope, so every pull
 *   of a FROM image and the push are decided by the owner's access at that moment, as any client of theirs would be.
 * - a registries.conf that marks the loopback address (and a plain-HTTP public address) as insecure, so only
 *   Berth's own registry is spoken to without TLS.
 * Returns the files and the token (to mask it in logs).
 */
export async function writeBuildRegistryAuth(
  app: AppContext,
  input: { dir: string; owner: { id: string; username: string } },
): Promise<{ address: string; authFile: string; registriesConf: string; secrets: string[] }> {
  const address = buildRegistryAddress(app);
  const keys = await getKeySet(app);
  const { token } = await issueRegistryToken({
    key: keys.signing,
    issuer: TOKEN_ISSUER,
    audience: refreshAudience(app),
    subject: input.owner.username,
    uid: input.owner.id,
    access: [],
    ttlSeconds: app.config.builds.timeoutSeconds + 300,
  });
  const hosts = new Set([address]);
  const insecure = new Set([address]);
  if (app.config.publicUrl) {
    const pub = new URL(app.config.publicUrl);
    hosts.add(pub.host);
    if (pub.protocol === 'http:') insecure.add(pub.host);
  }
  const authFile = path.join(input.dir, 'auth.json');
  await writeFile(authFile, JSON.stringify({ auths: Object.fromEntries([...hosts].map((h) => [h, { identitytoken: token }])) }), { mode: 0o600 });
  const registriesConf = path.join(input.dir, 'registries.conf');
  const entries = [...insecure].map((h) => `[[registry]]\nlocation = ${JSON.stringify(h)}\ninsecure = true\n`).join('\n');
  await writeFile(registriesConf, `unqualified-search-registries = ["docker.io"]\n\n${entries}`, { mode: 0o600 });
  return { address, authFile, registriesConf, secrets: [token] };
}
