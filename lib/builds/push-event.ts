import { createHmac, timingSafeEqual } from 'node:crypto';

/** A push as a Git host reports it: which ref moved, and to which commit. */
export interface PushEvent {
  provider: 'github' | 'gitlab' | 'gitea' | 'gitee';
  refKind: 'branch' | 'tag';
  name: string;
  commit: string;
}

export type PushEventResult =
  | { kind: 'push'; event: PushEvent }
  | { kind: 'ignored'; reason: string }
  | { kind: 'unauthorized'; reason: string };

type Headers = { get(name: string): string | null };

/**
 * Verifies and reads a source push webhook. Each host proves the secret its own way:
 * - GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`;
 * - Gitea (and Gogs, Forgejo): `X-Gitea-Signature: <hex HMAC-SHA256 of the body>`;
 * - GitLab: `X-Gitlab-Token: <the secret>`;
 * - Gitee: `X-Gitee-Token`, either the secret itself or base64 HMAC-SHA256 of `<X-Gitee-Timestamp>\n<secret>`.
 * The signature is checked before the body is read at all, so an unsigned caller learns nothing of the rule.
 */
export function readPushEvent(headers: Headers, body: Buffer, secret: string): PushEventResult {
  const provider = detectProvider(headers);
  if (!provider) return { kind: 'unauthorized', reason: 'no signature: send X-Hub-Signature-256, X-Gitlab-Token, X-Gitea-Signature or X-Gitee-Token' };
  if (!verify(provider, headers, body, secret)) return { kind: 'unauthorized', reason: 'signature does not match the rule secret' };
  const eventName = (headers.get(EVENT_HEADER[provider]) ?? '').toLowerCase();
  if (!PUSH_EVENTS[provider].includes(eventName)) return { kind: 'ignored', reason: `event "${eventName || '(none)'}" is not a push` };
  let payload: { ref?: unknown; after?: unknown; checkout_sha?: unknown; deleted?: unknown };
  try {
    payload = JSON.parse(body.toString('utf8')) as typeof payload;
  } catch {
    return { kind: 'ignored', reason: 'the body is not JSON' };
  }
  const ref = typeof payload.ref === 'string' ? payload.ref : '';
  const m = /^refs\/(heads|tags)\/(.+)$/.exec(ref);
  if (!m) return { kind: 'ignored', reason: `ref "${ref.slice(0, 200)}" is neither a branch nor a tag` };
  const commit = [payload.checkout_sha, payload.after].find((c): c is string => typeof c === 'string' && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(c) && !/^0+$/.test(c));
  if (payload.deleted === true || !commit) return { kind: 'ignored', reason: `${ref} was deleted` };
  return { kind: 'push', event: { provider, refKind: m[1] === 'heads' ? 'branch' : 'tag', name: m[2]!, commit } };
}

const EVENT_HEADER = { github: 'x-github-event', gitlab: 'x-gitlab-event', gitea: 'x-gitea-event', gitee: 'x-gitee-event' } as const;
const PUSH_EVENTS: Record<PushEvent['provider'], string[]> = {
  github: ['push'],
  gitlab: ['push hook', 'tag push hook'],
  gitea: ['push', 'create'],
  gitee: ['push hook', 'tag push hook'],
};

function detectProvider(h: Headers): PushEvent['provider'] | null {
  if (h.get('x-hub-signature-256')) return 'github';
  if (h.get('x-gitea-signature') || h.get('x-gogs-signature')) return 'gitea';
  if (h.get('x-gitlab-token')) return 'gitlab';
  if (h.get('x-gitee-token')) return 'gitee';
  return null;
}

function verify(provider: PushEvent['provider'], h: Headers, body: Buffer, secret: string): boolean {
  const hmacHex = () => createHmac('sha256', secret).update(body).digest('hex');
  switch (provider) {
    case 'github':
      return same(h.get('x-hub-signature-256') ?? '', `sha256=${hmacHex()}`);
    case 'gitea':
      return same((h.get('x-gitea-signature') ?? h.get('x-gogs-signature') ?? '').toLowerCase(), hmacHex());
    case 'gitlab':
      return same(h.get('x-gitlab-token') ?? '', secret);
    case 'gitee': {
      const token = h.get('x-gitee-token') ?? '';
      const ts = h.get('x-gitee-timestamp');
      if (ts && same(token, createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64'))) return true;
      return same(token, secret);
    }
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
