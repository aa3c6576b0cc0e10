/**
 * Credential-shaped test values, assembled at run time so that no token-shaped literal sits in
 * the repository for secret scanners and push protection to trip over. None of them is real.
 */
export const FAKE = {
  awsKeyId: ['AKIA', 'Q3ZT7N2XWBVKL5RM'].join(''),
  awsSecret: ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYzQ4mTf9HhL'].join('/'),
  githubToken: ['ghp', '_', 'x9Kq2Lm4Np6Rs8Tu0Vw1Xy3Za5Bc7De9Fg1H'].join(''),
  githubPat: ['github_pat', '_', '11ABCDEFG0123456789abc', '_', 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa9Zy8Xw7Vu6Ts5Rq4Po3Nm2L'].join(''),
  slackToken: ['xoxb', '-', '123456789012-1234567890123-Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8'].join(''),
  googleKey: ['AIza', 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'].join(''),
  npmToken: ['npm', '_', 'Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8'].join(''),
  dbPassword: ['hunter', '2-but-longer-', 'Secr3t!'].join(''),
  pemBody: ['MIIEowIBAAKCAQEA', 'x4T1lcUpwl0ZzZ3W9vF6tOg7VQ'].join(''),
};

export const PEM_KEY = [
  ['-----BEGIN RSA', 'PRIVATE KEY-----'].join(' '),
  FAKE.pemBody,
  'bm9yZWFsa2V5bWF0ZXJpYWxoZXJlanVzdHRlc3RkYXRh',
  ['-----END RSA', 'PRIVATE KEY-----'].join(' '),
  '',
].join('\n');
