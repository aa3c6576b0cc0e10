import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from './sign-payload';

describe('signPayload', () => {
  const body = '{"event":"image.pushed","pushData":{"tag":"v1"}}';

  it('is sha256=<hex HMAC-SHA256 of the raw body>', () => {
    const hex = createHmac('sha256', 's3cret-key').update(body).digest('hex');
    expect(signPayload('s3cret-key', body)).toBe(`sha256=${hex}`);
    // A known vector, so the scheme cannot drift unnoticed.
    expect(signPayload('key', 'The quick brown fox jumps over the lazy dog')).toBe(
      'sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });

  it('signs UTF-8 bytes', () => {
    const unicode = '{"operator":"zoë"}';
    expect(signPayload('k', unicode)).toBe(`sha256=${createHmac('sha256', 'k').update(Buffer.from(unicode, 'utf8')).digest('hex')}`);
  });

  it('verifies its own signature and nothing else', () => {
    const sig = signPayload('s3cret-key', body);
    expect(verifySignature('s3cret-key', body, sig)).toBe(true);
    expect(verifySignature('other-key', body, sig)).toBe(false);
    expect(verifySignature('s3cret-key', `${body} `, sig)).toBe(false);
    expect(verifySignature('s3cret-key', body, sig.slice(0, -1))).toBe(false);
    expect(verifySignature('s3cret-key', body, null)).toBe(false);
  });
});
