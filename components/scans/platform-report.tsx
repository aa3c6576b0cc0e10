import { formatBytes } from '@/lib/client/format';
import { SEVERITY_LEVELS, type PlatformReportDto, type SeverityCountsDto } from '@/lib/schemas/scans';
import { SectionCard } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { PackageInventory } from './package-inventory';
import { SecretsTable } from './secrets-table';
import { LEVEL_KEYS, LEVEL_STYLES, countLevels } from './severity';
import { cn } from '@/components/ui/cn';
import { VulnerabilityTable } from './vulnerability-table';

/** One platform's findings: totals, what could not be checked, vulnerabilities, secrets and the package inventory. */
export function PlatformReport({ report }: { report: PlatformReportDto }) {
  const counts = countLevels(report.vulnerabilities);
  return (
    <div className="space-y-6">
      <SeverityTotals counts={counts} secrets={report.secrets.length} />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {report.os?.prettyName ?? (report.os ? `${report.os.id} ${report.os.versionId ?? ''}` : 'No operating system release file found')} · read{' '}
        {report.stats.layers} {report.stats.layers === 1 ? 'layer' : 'layers'}, {report.stats.entries.toLocaleString('en')} files,{' '}
        {formatBytes(report.stats.bytesAnalyzed)} analyzed in {(report.stats.durationMs / 1000).toFixed(1)} s
      </p>
      {report.ecosystemsWithoutData.length > 0 ? (
        <Notice tone="warning" title={`Not checked: ${report.ecosystemsWithoutData.join(', ')}`}>
          The image holds packages of {report.ecosystemsWithoutData.length === 1 ? 'this ecosystem' : 'these ecosystems'}, but the vulnerability data has
          no records for {report.ecosystemsWithoutData.length === 1 ? 'it' : 'them'}: their packages were not checked, which is not the same as clean. Import
          data for {report.ecosystemsWithoutData.length === 1 ? 'it' : 'them'} on the Vulnerability data page and scan again.
        </Notice>
      ) : null}
      {report.warnings.length > 0 ? (
        <Notice tone="warning" title="The scanner noted">
          <ul className="list-disc space-y-0.5 pl-4">
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <SectionCard title="Vulnerabilities" description="Packages whose installed version a record in the vulnerability data marks as affected.">
        <VulnerabilityTable report={report} />
      </SectionCard>
      <SectionCard title="Secrets" description="Credentials and private keys in the image's files, in every layer, including files a later layer deletes.">
        <SecretsTable report={report} />
      </SectionCard>
      <SectionCard title="Packages" description="Everything the scanner recognised, from package databases and language manifests.">
        <PackageInventory report={report} />
      </SectionCard>
    </div>
  );
}

/** Four tiles, one per level, and one for secrets. */
export function SeverityTotals({ counts, secrets }: { counts: SeverityCountsDto; secrets: number | null }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" aria-label="Findings by level">
      {SEVERITY_LEVELS.map((level) => {
        const n = counts[LEVEL_KEYS[level]];
        // A level with findings is coloured; one without stays quiet, so the eye goes to what needs attention.
        return (
          <div
            key={level}
            className={cn(
              'rounded-lg px-4 py-3 ring-1 ring-inset',
              n > 0 ? LEVEL_STYLES[level] : 'bg-white text-slate-500 ring-slate-200 dark:bg-slate-900 dark:text-slate-400 dark:ring-slate-800',
            )}
          >
            <dt className="text-xs font-medium uppercase tracking-wide">{level}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{n}</dd>
          </div>
        );
      })}
      <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900">
        <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Secrets</dt>
        <dd className="mt-1 text-2xl font-semibold tabular-nums">{secrets ?? '—'}</dd>
      </div>
    </dl>
  );
}
