import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readPushEvent } from './push-event';

const secret = 'a-rule-secret-of-some-length';
const sha = 'c'.repeat(40);
const body = Buffer.from(JSON.stringify({ ref: 'refs/tags/v1.0.0', after: sha }));
const headers = (h: Record<string, string>) => new Headers(h);

describe('source push events', () => {
  it('accepts a Gitee token given as the timestamp signature, and as the plain secret', () => {
    const ts = '1700000000000';
    const sign = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
    expect(readPushEvent(headers({ 'x-gitee-event': 'Tag Push Hook', 'x-gitee-token': sign, 'x-gitee-timestamp': ts }), body, secret)).toEqual({
      kind: 'push',
      event: { provider: 'gitee', refKind: 'tag', name: 'v1.0.0', commit: sha },
    });
    expect(readPushEvent(headers({ 'x-gitee-event': 'Tag Push Hook', 'x-gitee-token': secret }), body, secret).kind).toBe('push');
    expect(readPushEvent(headers({ 'x-gitee-event': 'Tag Push Hook', 'x-gitee-token': 'wrong' }), body, secret).kind).toBe('unauthorized');
  });

  it('checks the signature over the exact body', () => {
    const sig = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    expect(readPushEvent(headers({ 'x-github-event': 'push', 'x-hub-signature-256': sig }), body, secret).kind).toBe('push');
    const altered = Buffer.from(body.toString().replace('v1.0.0', 'v6.6.6'));
    expect(readPushEvent(headers({ 'x-github-event': 'push', 'x-hub-signature-256': sig }), altered, secret).kind).toBe('unauthorized');
  });

  it('ignores signed events that are not pushes of a branch or tag', () => {
    const sign = (b: Buffer) => `sha256=${createHmac('sha256', secret).update(b).digest('hex')}`;
    expect(readPushEvent(headers({ 'x-github-event': 'ping', 'x-hub-signature-256': sign(body) }), body, secret)).toEqual({ kind: 'ignored', reason: 'event "ping" is not a push' });
    const notes = Buffer.from(JSON.stringify({ ref: 'refs/notes/commits', after: sha }));
    expect(readPushEvent(headers({ 'x-github-event': 'push', 'x-hub-signature-256': sign(notes) }), notes, secret)).toEqual({ kind: 'ignored', reason: 'ref "refs/notes/commits" is neither a branch nor a tag' });
  });
});
