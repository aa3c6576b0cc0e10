// Who may scan and read scan reports, over REST: every caller of the access matrix (test/integration/access) against
// its public and private repository. Scanning (cr:ScanImage) is a repository admin action; reading reports
// (cr:GetScanReport) belongs to everyone who may pull the image; a repository the caller may not read answers exactly like a missing one (hidden means absent); the
// tags list carries each tag's `scan` only for callers who may read reports. No worker runs here: scans stay queued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomName } from '../../support/database';
import {
  administersRepository, expectLikeMissing, expectStatus, readsRepository, setupMatrix, VIS, WHO, type As, type Matrix, type Vis, type Who,
} from '../access/api-matrix-fixture';
import { getScan, listTags, requestScan } from './support';

let m: Matrix;
beforeAll(async () => {
  m = await setupMatrix();
  // Each repository's v1 has a scan, so reading it answers 200 to whoever may read reports (not SCAN_UNKNOWN).
  for (const vis of VIS) expect((await requestScan(m.reg, m.reg.admin, m.repos[vis].name, 'v1')).status).toBe(202);
});
afterAll(() => m?.reg.stop());

/**
 * cr:GetScanReport: part of read access, so whoever may see the repository (a read grant, a public repository,
 * ReadOnlyAccess, a read-only token) reads its reports: what is in an image is no secret from those who may pull it.
 */
function readsReports(_who: Who): boolean {
  return true;
}

/** cr:ScanImage: repository admins only; a read-only token or policy cannot start work. */
function scans(who: Who): boolean {
  return administersRepository(who);
}

/**
 * The status for a caller, by the matrix's rules: failed credentials 401, hidden 404. Starting a scan needs a
 * signed-in caller (401 for anonymous); reading a report does not, as pulling a public image does not.
 */
function expected(who: Who, vis: Vis, may: (who: Who) => boolean, ok: number, anonymous = false): number {
  if (who === 'disabled' || who === 'revoked-token') return 401;
  if (who === 'anonymous' && !anonymous) return 401;
  if (!readsRepository(who, vis)) return 404;
  return may(who) ? ok : 403;
}

const user = (who: Who): As => m.callers.get(who)!;

describe.each(WHO)('%s', (who) => {
  it.each(VIS)('%s repository: POST …/tags/v1/scan', async (vis) => {
    const name = m.repos[vis].name;
    const res = await requestScan(m.reg, user(who), name, 'v1');
    const want = expected(who, vis, scans, 202);
    expectStatus(res, want);
    if (want === 202) expect(res.body).toMatchObject({ repository: name, tag: 'v1', status: 'queued' });
    if (want === 404) expectLikeMissing(res, await requestScan(m.reg, user(who), `${m.namespaces.public}/${randomName('nope')}`, 'v1'));
  });

  it.each(VIS)('%s repository: GET …/tags/v1/scan', async (vis) => {
    const name = m.repos[vis].name;
    const res = await getScan(m.reg, user(who), name, 'v1');
    const want = expected(who, vis, readsReports, 200, true);
    expectStatus(res, want);
    if (want === 200) expect(res.body).toMatchObject({ repository: name, tag: 'v1', status: 'queued', requestedBy: 'admin' });
    if (want === 404) expectLikeMissing(res, await getScan(m.reg, user(who), `${m.namespaces.public}/${randomName('nope')}`, 'v1'));
  });

  it.each(VIS)('%s repository: the tags list has a scan field exactly when reports are readable', async (vis) => {
    const res = await listTags(m.reg, user(who), m.repos[vis].name);
    if (who === 'disabled' || who === 'revoked-token') return expectStatus(res, 401);
    if (!readsRepository(who, vis)) return expectStatus(res, 404);
    expectStatus(res, 200);
    const v1 = (res.body.items as Array<Record<string, unknown>>).find((t) => t.name === 'v1')!;
    if (readsReports(who)) expect(v1.scan).toMatchObject({ status: 'queued', progress: { layersDone: 0, layersTotal: 0 }, counts: null, secrets: null, finishedAt: null });
    else expect(v1).not.toHaveProperty('scan');
  });
});
