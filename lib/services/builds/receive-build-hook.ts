import { z } from 'zod';
import { readPushEvent } from '@/lib/builds/push-event';
import { absent, DomainError } from '@/lib/errors/domain-error';
import type { BuildDto } from '@/lib/schemas/builds';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { compileTagPattern } from '@/lib/webhooks/match-trigger';
import { queueBuild } from './queue-build';

export type BuildHookResult = { status: 'queued'; message: string; build: BuildDto } | { status: 'ignored'; message: string };

/**
 * A source push webhook for a rule. The caller is anonymous: the signature made with the rule's secret is what
 * authorizes it (wrong or missing → UNAUTHORIZED). A verified push that the rule does not build is answered
 * "ignored" with the reason, so the Git host's delivery log says why nothing happened.
 */
export async function receiveBuildHook(
  app: AppContext,
  input: { actor: Actor; ruleId: string; headers: { get(name: string): string | null }; body: Buffer },
): Promise<BuildHookResult> {
  const rule = z.uuid().safeParse(input.ruleId).success
    ? await app.db.buildRule.findUnique({
        where: { id: input.ruleId },
        select: { id: true, name: true, repositoryId: true, enabled: true, triggerKind: true, triggerPattern: true, webhookSecret: true, repository: { select: { name: true } } },
      })
    : null;
  if (!rule) throw absent('build rule');
  const read = readPushEvent(input.headers, input.body, rule.webhookSecret);
  const resource = `repository/${rule.repository.name}`;
  const namespace = rule.repository.name.slice(0, rule.repository.name.indexOf('/'));
  if (read.kind === 'unauthorized') {
    await recordAuditEvent(app, { actor: input.actor, action: 'cr:RunBuild', resource, namespace, outcome: 'denied', detail: { rule: rule.id, hook: read.reason } });
    throw new DomainError('unauthenticated', read.reason);
  }
  if (read.kind === 'ignored') return { status: 'ignored', message: `ignored: ${read.reason}` };
  const { event } = read;
  if (!rule.enabled) return { status: 'ignored', message: 'ignored: the build rule is disabled' };
  if (event.refKind !== rule.triggerKind) return { status: 'ignored', message: `ignored: a push to ${event.refKind} "${event.name}", and the rule builds ${rule.triggerKind === 'tag' ? 'tags' : 'branches'}` };
  const pattern = compileTagPattern(rule.triggerPattern);
  if (!pattern.ok || !pattern.regex.testExact(event.name)) {
    return { status: 'ignored', message: `ignored: ${event.refKind} "${event.name}" does not match the pattern "${rule.triggerPattern}"` };
  }
  const ref = `refs/${event.refKind === 'branch' ? 'heads' : 'tags'}/${event.name}`;
  const build = await queueBuild(app, { rule, ref, commit: event.commit, triggeredBy: 'webhook', requestedBy: `${event.provider} push` });
  await recordAuditEvent(app, {
    actor: input.actor,
    action: 'cr:RunBuild',
    resource,
    namespace,
    outcome: 'allowed',
    detail: { build: build.id, rule: rule.id, ref, commit: event.commit, via: `${event.provider} webhook` },
  });
  return { status: 'queued', message: `queued a build of ${ref} at ${event.commit.slice(0, 12)}`, build };
}
