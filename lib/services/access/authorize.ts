import type { Action } from '@/lib/access/actions';
import { DomainError } from '@/lib/errors/domain-error';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { loadAccessProfile, type AccessProfile } from './access-profile';
import { auditResource } from './audit-resource';
import { allowed, decide, type AccessTarget } from './decide';

/**
 * Why the gate said no, in no protocol's terms; each door maps it (the registry to NAME_UNKNOWN / DENIED /
 * UNAUTHORIZED, the API to NOT_FOUND / FORBIDDEN / UNAUTHORIZED).
 * - `absent`: the caller may not even see the target, so it must look exactly like a missing one;
 * - `forbidden`: the caller sees it but may not do this;
 * - `unauthenticated`: nobody is signed in — signing in might help, so the door asks for credentials.
 */
export type Denial = 'absent' | 'forbidden' | 'unauthenticated';

export type Authorization = { allowed: true; profile: AccessProfile } | { allowed: false; denial: Denial; profile: AccessProfile };

export interface AuthorizeOptions {
  /** The action that makes the target visible at all (e.g. cr:PullRepository): without it the denial is `absent`. */
  visibleWith?: Action;
  /** The caller's access profile when already loaded. */
  profile?: AccessProfile;
  /** Leave refusals out of the audit log (a pure question such as "may they see this?"). */
  quiet?: boolean;
  /** Extra detail for the audit record of a refusal. */
  auditDetail?: Record<string, unknown>;
}

// A namespace-wide webhook is a setting of the namespace: the namespace-level grant table has no webhook actions,
// so whoever may change the namespace (cr:UpdateNamespace) manages its webhooks too, unless a policy denies the
// webhook action explicitly.
const NAMESPACE_WEBHOOK_ACTIONS: ReadonlySet<Action> = new Set(['cr:CreateWebhook', 'cr:GetWebhook', 'cr:ListWebhook', 'cr:UpdateWebhook', 'cr:DeleteWebhook']);

/**
 * The gate's decision without auditing, for code that filters many rows against a loaded profile (lists, the
 * console's capability hints): the same answer authorize() gives.
 */
export function permits(app: AppContext, actor: Actor, profile: AccessProfile, action: Action, target: AccessTarget): boolean {
  const decision = decide(app, actor, profile, action, target);
  if (decision.decision === 'allow') return true;
  if (target.kind === 'namespace' && NAMESPACE_WEBHOOK_ACTIONS.has(action) && decision.reason !== 'explicit-deny') {
    return allowed(app, actor, profile, 'cr:UpdateNamespace', target);
  }
  return false;
}

/**
 * The one authorization gate: may `actor` take `action` on `target`? Every door — registry, token endpoint, REST
 * API, console — asks it, directly or through requireAction / authorizeRepository. Decisions come from the
 * caller's grants, attached policies and token limits (decide.ts); refusals are audited.
 */
export async function authorize(app: AppContext, actor: Actor, action: Action, target: AccessTarget, opts: AuthorizeOptions = {}): Promise<Authorization> {
  const profile = opts.profile ?? (await loadAccessProfile(app, actor));
  // Nothing installation-wide is open to anonymous callers: they are asked to sign in, without an audit record.
  if (actor.kind === 'anonymous' && target.kind === 'instance') return { allowed: false, denial: 'unauthenticated', profile };
  if (permits(app, actor, profile, action, target)) return { allowed: true, profile };
  if (!opts.quiet) {
    void recordAuditEvent(app, { actor, action, ...auditResource(app, target), outcome: 'denied', ...(opts.auditDetail ? { detail: opts.auditDetail } : {}) });
  }
  return { allowed: false, denial: denialFor(app, actor, profile, target, opts.visibleWith), profile };
}

// Absent before unauthenticated: whether a hidden target should also ask an anonymous caller to sign in is the
// door's call (the registry does, so clients offer to log in; the API answers NOT_FOUND).
function denialFor(app: AppContext, actor: Actor, profile: AccessProfile, target: AccessTarget, visibleWith?: Action): Denial {
  if (visibleWith !== undefined && !permits(app, actor, profile, visibleWith, target)) return 'absent';
  return actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden';
}

/** The gate for code that throws: the denial as a DomainError, mapped by each edge to its protocol. */
export async function assertAuthorized(app: AppContext, actor: Actor, action: Action, target: AccessTarget, opts: AuthorizeOptions & { label?: string } = {}): Promise<AccessProfile> {
  const result = await authorize(app, actor, action, target, opts);
  if (result.allowed) return result.profile;
  throw denialError(result.denial, action, opts.label);
}

export function denialError(denial: Denial, action: Action, label = 'resource'): DomainError {
  switch (denial) {
    case 'absent':
      return new DomainError('absent', `${label} not found`);
    case 'unauthenticated':
      return new DomainError('unauthenticated', 'sign in or send an access token');
    case 'forbidden':
      return new DomainError('forbidden', `you may not ${action.replace(/^cr:/, '')} here`);
  }
}
