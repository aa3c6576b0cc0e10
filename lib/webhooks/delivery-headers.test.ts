import { describe, expect, it } from 'vitest';
import { buildDeliveryHeaders, maskHeaders, MASK } from './delivery-headers';
import { headerNameProblem } from './header-names';
import { verifySignature } from './sign-payload';

describe('buildDeliveryHeaders', () => {
  const base = { deliveryId: 'd-1', eventType: 'image.pushed', sentAt: new Date('2026-11-23T10:00:00Z'), body: '{"a":1}', format: 'default' as const };

  it('identifies, dates and signs the delivery', () => {
    const h = buildDeliveryHeaders({ ...base, secret: 'topsecret', extra: [{ name: 'X-Team', value: 'infra' }] });
    expect(h['X-Berth-Delivery']).toBe('d-1');
    expect(h['X-Berth-Event']).toBe('image.pushed');
    expect(h['X-Berth-Timestamp']).toBe(String(Date.parse('2026-11-23T10:00:00Z') / 1000));
    expect(h['Content-Type']).toMatch(/^application\/json/);
    expect(h['X-Team']).toBe('infra');
    expect(verifySignature('topsecret', base.body, h['X-Berth-Signature'])).toBe(true);
  });

  it('omits the signature without a secret, and uses the CloudEvents media type', () => {
    const h = buildDeliveryHeaders({ ...base, format: 'cloudevents', secret: null, extra: [] });
    expect(h['X-Berth-Signature']).toBeUndefined();
    expect(h['Content-Type']).toMatch(/^application\/cloudevents\+json/);
  });
});

describe('maskHeaders', () => {
  it('masks credential-like values and keeps the rest', () => {
    const masked = maskHeaders({ Authorization: 'Bearer x', 'X-Api-Key': 'k', 'X-Auth-Token': 't', Cookie: 'c', 'X-Team': 'infra', 'X-Berth-Signature': 'sha256=ab' });
    expect(masked).toEqual({ Authorization: MASK, 'X-Api-Key': MASK, 'X-Auth-Token': MASK, Cookie: MASK, 'X-Team': 'infra', 'X-Berth-Signature': 'sha256=ab' });
  });
});

describe('headerNameProblem', () => {
  it.each(['X-Team', 'Authorization', 'x-api-key', 'X_Custom'])('accepts %s', (name) => {
    expect(headerNameProblem(name)).toBeNull();
  });

  it.each(['Host', 'content-length', 'Content-Type', 'Connection', 'Transfer-Encoding', 'Keep-Alive', 'TE', 'Upgrade', 'Proxy-Authorization', 'X-Berth-Signature', 'x-berth-event', 'Bad Name', 'Bad:Name', '', 'X'.repeat(101)])(
    'rejects %j',
    (name) => {
      expect(headerNameProblem(name)).not.toBeNull();
    },
  );
});
