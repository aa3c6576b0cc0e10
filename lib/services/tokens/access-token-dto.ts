import type { TokenDto, TokenStatus } from '@/lib/schemas/tokens';

// Never the hash: it is as good as the secret for looking a token up.
export const ACCESS_TOKEN_DTO_SELECT = {
  id: true,
  name: true,
  prefix: true,
  readOnly: true,
  namespaces: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
} as const;

interface AccessTokenRow {
  id: string;
  name: string;
  prefix: string;
  readOnly: boolean;
  namespaces: string[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

export function tokenStatus(t: { expiresAt: Date | null; revokedAt: Date | null }, now = new Date()): TokenStatus {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && t.expiresAt <= now) return 'expired';
  return 'active';
}

export function toTokenDto(t: AccessTokenRow, now = new Date()): TokenDto {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    readOnly: t.readOnly,
    namespaces: t.namespaces,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    status: tokenStatus(t, now),
  };
}
