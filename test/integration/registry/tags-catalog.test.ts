// OCI Distribution Spec 1.1: listing tags (end-8a, end-8b) with `n`/`last` paging and the `Link` header, and the
// `_catalog` listing, which Berth implements the same way.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OciClient, errorCode, randomRepo, useAdminClient } from '../../support/oci-client';
import { startTestRegistry, useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();
const c = useAdminClient(reg);

// Lexical byte order: digits before uppercase before lowercase, '10' before '9'.
const TAGS = ['b', '9', 'a', 'B', '10'];
const SORTED = ['10', '9', 'B', 'a', 'b'];

/** A repository with one manifest tagged with each of `tags`. */
async function repoWithTags(tags: string[]): Promise<string> {
  const name = randomRepo();
  const { body } = await c.pushImage(name, tags[0]!);
  for (const tag of tags.slice(1)) {
    const res = await c.fetch(`/v2/${name}/manifests/${tag}`, { method: 'PUT', body, headers: { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' } });
    expect(res.status).toBe(201);
  }
  return name;
}

/** The target of a `Link: <…>; rel="next"` header, or null. */
function nextLink(res: Response): string | null {
  const link = res.headers.get('link');
  if (link === null) return null;
  const m = /^<([^>]+)>;\s*rel="next"$/.exec(link.trim());
  expect(m, `Link header "${link}"`).not.toBeNull();
  return m![1]!;
}

describe('GET /v2/<name>/tags/list', () => {
  it('lists every tag in lexical (byte) order with the repository name', async () => {
    const name = await repoWithTags(TAGS);
    const res = await c.fetch(`/v2/${name}/tags/list`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ name, tags: SORTED });
    expect(res.headers.get('link')).toBeNull();
  });

  it('lists an empty array for a repository without tags', async () => {
    const name = randomRepo();
    await c.pushBlob(name, randomBytes(10));
    const res = await c.fetch(`/v2/${name}/tags/list`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name, tags: [] });
  });

  it('pages with n, announcing each next page in a Link header and none on the last', async () => {
    const name = await repoWithTags(TAGS);
    const first = await c.fetch(`/v2/${name}/tags/list?n=2`);
    expect(first.status).toBe(200);
    expect(((await first.json()) as { tags: string[] }).tags).toEqual(['10', '9']);
    const link1 = nextLink(first);
    expect(link1).toBe(`/v2/${name}/tags/list?n=2&last=9`);

    const second = await c.fetch(link1!);
    expect(((await second.json()) as { tags: string[] }).tags).toEqual(['B', 'a']);
    const link2 = nextLink(second);
    expect(link2).toBe(`/v2/${name}/tags/list?n=2&last=a`);

    const third = await c.fetch(link2!);
    expect(((await third.json()) as { tags: string[] }).tags).toEqual(['b']);
    expect(third.headers.get('link')).toBeNull();
  });

  it('sends no Link when the page ends exactly at the last tag', async () => {
    const name = await repoWithTags(TAGS);
    const all = await c.fetch(`/v2/${name}/tags/list?n=5`);
    expect(((await all.json()) as { tags: string[] }).tags).toEqual(SORTED);
    expect(all.headers.get('link')).toBeNull();
    const more = await c.fetch(`/v2/${name}/tags/list?n=100`);
    expect(((await more.json()) as { tags: string[] }).tags).toEqual(SORTED);
    expect(more.headers.get('link')).toBeNull();
  });

  it('starts after `last`, with or without n, including when `last` is not a tag', async () => {
    const name = await repoWithTags(TAGS);
    const cases: Array<[string, string[]]> = [
      ['last=B', ['a', 'b']],
      ['last=10&n=1', ['9']],
      ['last=A', ['B', 'a', 'b']], // not a tag: 'A' sorts between '9' and 'B'
      ['last=b', []],
      ['last=zzz', []],
    ];
    for (const [query, tags] of cases) {
      const res = await c.fetch(`/v2/${name}/tags/list?${query}`);
      expect(res.status, query).toBe(200);
      expect(((await res.json()) as { tags: string[] }).tags, query).toEqual(tags);
    }
  });

  it('returns an empty list and no Link for n=0', async () => {
    const name = await repoWithTags(TAGS);
    const res = await c.fetch(`/v2/${name}/tags/list?n=0`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { tags: string[] }).tags).toEqual([]);
    // OCI: "When n is zero, this endpoint MUST return an empty list, and MUST NOT include a Link header."
    expect(res.headers.get('link')).toBeNull();
  });

  it('refuses an invalid n with 400', async () => {
    const name = await repoWithTags(['v1']);
    for (const n of ['-1', 'abc', '1.5', '']) {
      const res = await c.fetch(`/v2/${name}/tags/list?n=${n}`);
      expect(res.status, `n=${n}`).toBe(400);
    }
  });

  it('answers 404 NAME_UNKNOWN for a repository that does not exist', async () => {
    const res = await c.fetch(`/v2/${randomRepo()}/tags/list`);
    expect(res.status).toBe(404);
    expect(await errorCode(res)).toBe('NAME_UNKNOWN');
  });

  it('drops deleted tags from the list', async () => {
    const name = await repoWithTags(['one', 'two', 'three']);
    expect((await c.fetch(`/v2/${name}/manifests/two`, { method: 'DELETE' })).status).toBe(202);
    expect(((await (await c.fetch(`/v2/${name}/tags/list`)).json()) as { tags: string[] }).tags).toEqual(['one', 'three']);
  });
});

describe('GET /v2/_catalog', () => {
  it('lists repositories in lexical order, paged with n/last and Link headers', async () => {
    // Its own registry, so that the catalog holds exactly the repositories this test creates.
    const own = await startTestRegistry();
    try {
      const oc = new OciClient(own, own.admin);
      const ns = `cat${randomBytes(4).toString('hex')}`;
      const names = [`${ns}/b`, `${ns}/a-z`, `${ns}/a/deep`, `${ns}/a`, `${ns}0/x`];
      for (const n of names) await oc.pushBlob(n, randomBytes(8));
      const sorted = [...names].sort((x, y) => (Buffer.compare(Buffer.from(x), Buffer.from(y))));

      const all = await oc.fetch('/v2/_catalog');
      expect(all.status).toBe(200);
      expect(await all.json()).toEqual({ repositories: sorted });
      expect(all.headers.get('link')).toBeNull();

      const pages: string[][] = [];
      let url: string | null = '/v2/_catalog?n=2';
      while (url !== null) {
        const res = await oc.fetch(url);
        expect(res.status).toBe(200);
        const page = ((await res.json()) as { repositories: string[] }).repositories;
        pages.push(page);
        url = nextLink(res);
        if (url !== null) expect(url).toBe(`/v2/_catalog?n=2&last=${encodeURIComponent(page[page.length - 1]!)}`);
        expect(pages.length).toBeLessThanOrEqual(3);
      }
      expect(pages).toEqual([sorted.slice(0, 2), sorted.slice(2, 4), sorted.slice(4)]);

      const exact = await oc.fetch(`/v2/_catalog?n=${names.length}`);
      expect(((await exact.json()) as { repositories: string[] }).repositories).toEqual(sorted);
      expect(exact.headers.get('link')).toBeNull();

      const after = await oc.fetch(`/v2/_catalog?last=${encodeURIComponent(sorted[1]!)}`);
      expect(((await after.json()) as { repositories: string[] }).repositories).toEqual(sorted.slice(2));

      const zero = await oc.fetch('/v2/_catalog?n=0');
      expect(zero.status).toBe(200);
      expect(((await zero.json()) as { repositories: string[] }).repositories).toEqual([]);
      expect(zero.headers.get('link')).toBeNull();
    } finally {
      await own.stop();
    }
  });

  it('refuses an invalid n with 400', async () => {
    for (const n of ['-1', 'abc', '2x']) {
      const res = await c.fetch(`/v2/_catalog?n=${n}`);
      expect(res.status, `n=${n}`).toBe(400);
    }
  });

  it('includes a repository once something was pushed to it', async () => {
    const name = randomRepo();
    const ns = name.split('/')[0]!;
    await c.pushBlob(name, randomBytes(8));
    const res = await c.fetch(`/v2/_catalog?last=${ns}&n=1`);
    expect(((await res.json()) as { repositories: string[] }).repositories).toEqual([name]);
  });
});
