import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '@/lib/services/context';
import { displayPrefix, generateTokenSecret, hashTokenSecret } from '@/lib/services/tokens/token-secret';

/** host:port at which a build reaches this server's registry: BERTH_BUILD_REGISTRY, else loopback and PORT. */
export function buildRegistryAddress(app: AppContext): string {
  if (app.config.builds.registryAddress) return app.config.builds.registryAddress;
  const host = ['0.0.0.0', '::', '', 'localhost'].includes(app.config.host) ? '127.0.0.1' : app.config.host;
  return `${host.includes(':') ? `[${host}]` : host}:${app.config.port}`;
}

/**
 * Writes the registry credentials a build's buildah uses, in its own files under the work directory:
 * - an auth file with a personal access token of the rule's owner that expires with the build's time limit and is
 *   deleted when the build ends (`revoke`). buildah trades it at /auth/token for registry tokens per scope, so every
 *   pull of a FROM image and the push are decided by the owner's access at that moment, as for any client of
 *   theirs. (An OAuth2 `identitytoken` would avoid the row, but buildah 1.28 ignores auth entries holding only one.)
 * - a registries.conf that marks the loopback address (and a plain-HTTP public address) as insecure, so only
 *   Berth's own registry is spoken to without TLS.
 * Returns the files, the secret (to mask it in logs) and `revoke`.
 */
export async function writeBuildRegistryAuth(
  app: AppContext,
  input: { dir: string; owner: { id: string; username: string } },
): Promise<{ address: string; authFile: string; registriesConf: string; secrets: string[]; revoke(): Promise<void> }> {
  const address = buildRegistryAddress(app);
  const secret = generateTokenSecret();
  const row = await app.db.accessToken.create({
    data: {
      userId: input.owner.id,
      name: `build ${path.basename(input.dir).slice(0, 8)}`,
      tokenHash: hashTokenSecret(secret),
      prefix: displayPrefix(secret),
      expiresAt: new Date(Date.now() + (app.config.builds.timeoutSeconds + 300) * 1000),
    },
    select: { id: true },
  });
  const auth = Buffer.from(`${input.owner.username}:${secret}`).toString('base64');
  const hosts = new Set([address]);
  const insecure = new Set([address]);
  if (app.config.publicUrl) {
    const pub = new URL(app.config.publicUrl);
    hosts.add(pub.host);
    if (pub.protocol === 'http:') insecure.add(pub.host);
  }
  const authFile = path.join(input.dir, 'auth.json');
  await writeFile(authFile, JSON.stringify({ auths: Object.fromEntries([...hosts].map((h) => [h, { auth }])) }), { mode: 0o600 });
  const registriesConf = path.join(input.dir, 'registries.conf');
  const entries = [...insecure].map((h) => `[[registry]]\nlocation = ${JSON.stringify(h)}\ninsecure = true\n`).join('\n');
  await writeFile(registriesConf, `unqualified-search-registries = ["docker.io"]\n\n${entries}`, { mode: 0o600 });
  return {
    address,
    authFile,
    registriesConf,
    secrets: [secret, auth],
    revoke: async () => {
      await app.db.accessToken.deleteMany({ where: { id: row.id } });
    },
  };
}
