import type { PlatformReportDto } from '@/lib/schemas/scans';
import { Badge } from '@/components/ui/badge';
import { Table, TBody, Td, HeaderRow, Tr } from '@/components/ui/table';
import { LayerRef } from './layer-ref';

/** Credentials found in the image's files; the values are masked by the scanner and never leave it whole. */
export function SecretsTable({ report }: { report: PlatformReportDto }) {
  if (report.secrets.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">No credentials or private keys were found in the image&apos;s files.</p>;
  return (
    <Table label="Secrets">
      <HeaderRow columns={['Rule', 'Path', { label: 'Layer', className: 'text-right' }, { label: 'Line', className: 'text-right' }, 'Value']} />
      <TBody>
        {report.secrets.map((s, i) => (
          <Tr key={`${s.rule}|${s.path}|${s.layerIndex}|${s.line ?? ''}|${i}`}>
            <Td className="whitespace-nowrap font-medium">{s.rule}</Td>
            <Td className="min-w-48 max-w-80">
              <code className="break-all font-mono text-xs">{s.path}</code>
              {s.presentInFinalImage ? null : (
                <span className="mt-1 block">
                  <Badge
                    tone="amber"
                    title="A later layer deletes the file, but the layer that holds it is still part of the image: anyone who pulls the image can read it."
                  >
                    removed in a later layer
                  </Badge>
                </span>
              )}
            </Td>
            <Td className="text-right">
              <LayerRef index={s.layerIndex} layers={report.layers} />
            </Td>
            <Td className="text-right tabular-nums">{s.line ?? '—'}</Td>
            <Td>
              <code className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800">{s.masked}</code>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
