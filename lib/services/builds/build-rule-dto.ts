import type { Prisma } from '@/lib/db/client';
import type { BuildRuleDto } from '@/lib/schemas/builds';

export const BUILD_RULE_SELECT = {
  id: true,
  repositoryId: true,
  ownerId: true,
  name: true,
  sourceUrl: true,
  credentials: true,
  triggerKind: true,
  triggerPattern: true,
  dockerfileDir: true,
  dockerfileName: true,
  tagTemplate: true,
  buildArgs: true,
  noCache: true,
  enabled: true,
  webhookSecret: true,
  createdAt: true,
  updatedAt: true,
  repository: { select: { name: true } },
  owner: { select: { username: true } },
} as const satisfies Prisma.BuildRuleSelect;

export type BuildRuleRow = Prisma.BuildRuleGetPayload<{ select: typeof BUILD_RULE_SELECT }>;

/** The credentials column holds `<kind>:<sealed>`, so the kind can be shown without opening the seal. */
export function credentialsKindOf(stored: string | null): 'token' | 'ssh-key' | null {
  if (!stored) return null;
  return stored.startsWith('ssh-key:') ? 'ssh-key' : 'token';
}

export function buildArgsOf(value: Prisma.JsonValue): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** The API's view of a rule: never the credentials, and the webhook secret only when just made (`revealSecret`). */
export function toBuildRuleDto(row: BuildRuleRow, revealSecret = false): BuildRuleDto {
  return {
    id: row.id,
    repository: row.repository.name,
    name: row.name,
    source: { url: row.sourceUrl, hasCredentials: row.credentials !== null, credentialsKind: credentialsKindOf(row.credentials) },
    trigger: { kind: row.triggerKind === 'tag' ? 'tag' : 'branch', pattern: row.triggerPattern },
    dockerfileDir: row.dockerfileDir,
    dockerfileName: row.dockerfileName,
    tagTemplate: row.tagTemplate,
    buildArgs: buildArgsOf(row.buildArgs),
    noCache: row.noCache,
    enabled: row.enabled,
    owner: row.owner?.username ?? null,
    webhookPath: `/api/v1/build-hooks/${row.id}`,
    ...(revealSecret ? { webhookSecret: row.webhookSecret } : {}),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
