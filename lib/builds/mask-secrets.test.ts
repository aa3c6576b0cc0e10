import { describe, expect, it } from 'vitest';
import { SECRET_MASK, secretMasker } from './mask-secrets';

describe('log masking', () => {
  it('masks a secret in the forms it travels in, and credentials in any URL', () => {
    const token = 'ghp_0123456789abcdef';
    const mask = secretMasker([token, 'ab']);
    expect(mask(`token ${token} and ${encodeURIComponent(token)}`)).toBe(`token ${SECRET_MASK} and ${SECRET_MASK}`);
    expect(mask(`Authorization: Basic ${Buffer.from(token).toString('base64')}`)).toBe(`Authorization: Basic ${SECRET_MASK}`);
    expect(mask('fetching https://bot:hunter2@git.example.com/a.git')).toBe(`fetching https://bot:${SECRET_MASK}@git.example.com/a.git`);
    // Too short to mask without garbling every line.
    expect(mask('abc')).toBe('abc');
  });

  it('masks each line of a private key', () => {
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAE\n-----END OPENSSH PRIVATE KEY-----';
    expect(secretMasker([key])('debug: b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAE')).toBe(`debug: ${SECRET_MASK}`);
  });
});
