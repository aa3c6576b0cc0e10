import type { VulnImportDto } from '@/lib/schemas/vulndb';

/** "3 added, 1 updated, 40 unchanged, 2 invalid": the counts of an import, leaving out the zeros past the first. */
export function importCounts(run: Pick<VulnImportDto, 'added' | 'updated' | 'unchanged' | 'invalid'>): string {
  const parts = [
    `${run.added.toLocaleString('en')} added`,
    run.updated ? `${run.updated.toLocaleString('en')} updated` : null,
    run.unchanged ? `${run.unchanged.toLocaleString('en')} unchanged` : null,
    run.invalid ? `${run.invalid.toLocaleString('en')} invalid` : null,
  ];
  return parts.filter(Boolean).join(', ');
}
