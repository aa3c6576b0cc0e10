import { openSecret, sealSecret } from '@/lib/builds/credentials-box';
import { sourceCredentialsSchema, type SourceCredentials } from '@/lib/schemas/builds';
import type { AppContext } from '@/lib/services/context';
import { buildSecret } from './build-secret';

export async function sealCredentials(app: AppContext, credentials: SourceCredentials): Promise<string> {
  return `${credentials.kind}:${sealSecret(await buildSecret(app), JSON.stringify(credentials))}`;
}

export async function openCredentials(app: AppContext, stored: string): Promise<SourceCredentials> {
  const sealed = stored.slice(stored.indexOf(':') + 1);
  return sourceCredentialsSchema.parse(JSON.parse(openSecret(await buildSecret(app), sealed)));
}
