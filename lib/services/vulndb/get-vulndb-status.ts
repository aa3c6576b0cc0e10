import { DomainError } from '@/lib/errors/domain-error';
import type { VulnDbStatusDto } from '@/lib/schemas/vulndb';
import type { Actor, AppContext } from '@/lib/services/context';
import { mayManageVulnDb } from './may-manage-vulndb';
import { vulnDataUpdatedAt } from './vuln-data-updated-at';
import { toVulnImportDto } from './vuln-import-dto';

const RECENT_IMPORTS = 20;

/**
 * What vulnerability data the scanner has: any signed-in user may ask (reports show how old the data is). Counts
 * include withdrawn records. The import history (sources, who imported) is shown to administrators only; others
 * get an empty list.
 */
export async function getVulnDbStatus(app: AppContext, input: { actor: Actor }): Promise<VulnDbStatusDto> {
  if (input.actor.kind === 'anonymous') throw new DomainError('unauthenticated', 'sign in or send an access token');
  const [totals, ecosystems, updatedAt, imports] = await Promise.all([
    app.db.vulnRecord.aggregate({ _count: { _all: true }, _max: { modified: true } }),
    app.db.$queryRaw<Array<{ ecosystem: string; records: bigint; packages: bigint }>>`
      SELECT ecosystem, count(DISTINCT record_id) AS records, count(DISTINCT name) AS packages
      FROM vuln_packages GROUP BY ecosystem ORDER BY ecosystem COLLATE "C"`,
    vulnDataUpdatedAt(app),
    mayManageVulnDb(app, input.actor).then((admin) =>
      admin ? app.db.vulnImport.findMany({ orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], take: RECENT_IMPORTS }) : [],
    ),
  ]);
  return {
    totalRecords: totals._count._all,
    updatedAt: updatedAt?.toISOString() ?? null,
    newestRecordModifiedAt: totals._max.modified?.toISOString() ?? null,
    ecosystems: ecosystems.map((e) => ({ ecosystem: e.ecosystem, records: Number(e.records), packages: Number(e.packages) })),
    recentImports: imports.map((row) => toVulnImportDto(row)),
  };
}
