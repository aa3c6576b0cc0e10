'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { queryKeys } from '@/lib/client/query-keys';
import { uploadVulnData } from '@/lib/client/vulndb-api';
import { SubmitRow } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Field, fieldDescribedBy } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { importCounts } from './import-summary';
import { ErrorNotice } from '@/components/ui/error-notice';

/** Administrators only: sends one OSV file (JSON or a zip export) and shows what the import did with it. */
export function VulnDbUploadForm() {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const upload = useMutation({
    mutationFn: uploadVulnData,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.vulndb.status }),
    onSuccess: () => {
      setFile(null);
      if (input.current) input.current.value = '';
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setMissing(true);
      return;
    }
    setMissing(false);
    upload.mutate(file);
  }

  const result = upload.data;
  return (
    <Card>
      <CardHeader
        title="Import records"
        description={
          <>
            An OSV JSON file (one record or an array) or a zip export, such as <code className="font-mono text-xs">Debian/all.zip</code> from
            osv.dev&apos;s bucket. Importing the same records again changes nothing.
          </>
        }
      />
      <CardBody>
        <form onSubmit={submit} noValidate className="space-y-4" aria-label="Import vulnerability data">
          <Field id="vulndb-file" label="OSV file" hint="JSON or zip; large exports take a while." error={missing ? 'Choose a file to import.' : undefined}>
            <input
              ref={input}
              id="vulndb-file"
              type="file"
              accept=".json,.zip,application/json,application/zip"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setMissing(false);
                upload.reset();
              }}
              aria-invalid={missing || undefined}
              aria-describedby={fieldDescribedBy('vulndb-file', { hint: true, error: missing })}
              className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50 dark:text-slate-300 dark:file:border-slate-700 dark:file:bg-slate-900 dark:file:text-slate-100"
            />
          </Field>
          <ErrorNotice error={upload.error} title="The import failed" />
          {result ? (
            result.status === 'failed' ? (
              <Notice tone="error" title={`Importing ${result.source} failed`}>
                {result.error ?? 'The server did not say why.'} {importCounts(result)} before it stopped.
              </Notice>
            ) : result.status === 'running' ? (
              <Notice tone="info" title={`Importing ${result.source}`}>
                <span data-testid="vulndb-import-running">The file is uploaded and still importing; Recent imports below shows its progress. You can leave this page.</span>
              </Notice>
            ) : (
              <Notice tone={result.invalid ? 'warning' : 'success'} title={`Imported ${result.source}`}>
                <span data-testid="vulndb-import-result">{importCounts(result)}.</span>
                {result.invalid && result.error ? <span className="mt-1 block text-xs">{result.error}</span> : null}
              </Notice>
            )
          ) : null}
          <SubmitRow pending={upload.isPending}>Import</SubmitRow>
        </form>
      </CardBody>
    </Card>
  );
}
