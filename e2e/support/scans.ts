import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type APIRequestContext } from '@playwright/test';
import type { LayerSpec } from '../../test/support/images';
import { FAKE } from '../../lib/scans/test-support/fake-secrets';
import { ADMIN, basic, repositoryApiPath, type Creds } from './fixtures';

// What the scan tests push and import: a Debian 12 image with an openssh build that DEBIAN-CVE-2024-6387 marks
// vulnerable, an npm lodash that GHSA-35jh-r3h4-6jhm marks vulnerable (High), and a fake AWS key.

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'lib', 'scans', 'fixtures', 'osv');

export const OPENSSH = { id: 'DEBIAN-CVE-2024-6387', installed: '1:9.2p1-2+deb12u2', fixed: '1:9.2p1-2+deb12u3', level: 'Unknown' } as const;
export const LODASH = { id: 'GHSA-35jh-r3h4-6jhm', installed: '4.17.20', fixed: '4.17.21', level: 'High' } as const;
export const FAKE_AWS_KEY_ID = FAKE.awsKeyId;

/** The two fixture records as one OSV JSON file (an array), as an administrator would upload it. */
export function fixtureRecords(): Buffer {
  const records = [OPENSSH.id, LODASH.id].map((id) => JSON.parse(readFileSync(path.join(FIXTURES, `${id}.json`), 'utf8')) as unknown);
  return Buffer.from(JSON.stringify(records, null, 2));
}

const dpkgEntry = (name: string, version: string, source?: string) =>
  `Package: ${name}\nStatus: install ok installed\nArchitecture: amd64\n${source ? `Source: ${source}\n` : ''}Version: ${version}\nDescription: test\n`;

export function vulnerableImageLayers(): LayerSpec[] {
  return [
    {
      files: {
        'etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n',
        'var/lib/dpkg/status': [dpkgEntry('base-files', '12.4+deb12u2'), dpkgEntry('openssh-client', OPENSSH.installed, 'openssh')].join('\n'),
      },
    },
    {
      files: {
        'app/node_modules/lodash/package.json': JSON.stringify({ name: 'lodash', version: LODASH.installed, main: 'lodash.js' }),
        'root/.aws/credentials': `[default]\naws_access_key_id = ${FAKE_AWS_KEY_ID}\n`,
      },
    },
  ];
}

/** Imports the fixture records through the REST API (the file as the body), as the admin. */
export async function importFixtureRecords(request: APIRequestContext): Promise<void> {
  const res = await request.post('/api/v1/vulndb/imports?filename=osv-fixtures.json', {
    headers: { authorization: basic(ADMIN), 'content-type': 'application/json' },
    data: fixtureRecords(),
  });
  expect(res.ok(), await res.text()).toBe(true);
}

type ScanState = { status: string };

/** Starts a scan of `repository:tag` through the API and waits until it ends; returns the final status. */
export async function scanAndWait(request: APIRequestContext, repository: string, tag: string, as: Creds = ADMIN): Promise<string> {
  const url = `${repositoryApiPath(repository)}/tags/${encodeURIComponent(tag)}/scan`;
  const headers = { authorization: basic(as) };
  const started = await request.post(url, { headers });
  expect(started.status(), await started.text()).toBe(202);
  let status = '';
  await expect
    .poll(
      async () => {
        status = ((await (await request.get(url, { headers })).json()) as ScanState).status;
        return status;
      },
      { timeout: 30_000 },
    )
    .toMatch(/^(succeeded|failed)$/);
  return status;
}
