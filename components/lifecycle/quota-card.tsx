'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { apiFieldErrors } from '@/lib/client/field-errors';
import { updateNamespace } from '@/lib/client/namespaces-api';
import { queryKeys } from '@/lib/client/query-keys';
import { formatQuotaBytes, parseQuotaBytes } from '@/lib/quota-bytes';
import type { NamespaceDto } from '@/lib/schemas/namespaces';
import { updateNamespaceSchema } from '@/lib/schemas/namespaces';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Field, fieldDescribedBy } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { cn } from '@/components/ui/cn';
import { ErrorNotice } from '@/components/ui/error-notice';

/** A namespace's storage quota and how much of it is used; administrators set or clear it (cr:ManageStorage). */
export function QuotaCard({ ns, canManage }: { ns: NamespaceDto; canManage: boolean }) {
  const used = ns.usageBytes ?? ns.storageBytes;
  return (
    <Card>
      <CardHeader
        title="Storage quota"
        description="Counts each blob once per namespace, however many of its images share it. A push that would go past the quota is refused."
      />
      <CardBody className="space-y-5">
        <UsageBar used={used} quota={ns.quotaBytes} />
        {canManage ? <QuotaForm ns={ns} /> : <p className="text-sm text-slate-600 dark:text-slate-400">Only administrators can change the quota.</p>}
      </CardBody>
    </Card>
  );
}

/** used / quota as an accessible progress bar (or plain usage when there is no quota). */
export function UsageBar({ used, quota }: { used: number; quota: number | null }) {
  const labelId = useId();
  const text = quota === null ? `${formatQuotaBytes(used)} used, no quota` : `${formatQuotaBytes(used)} of ${formatQuotaBytes(quota)} used`;
  if (quota === null) {
    return (
      <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="quota-usage">
        {text}
      </p>
    );
  }
  const pct = quota === 0 ? (used > 0 ? 100 : 0) : Math.min(100, Math.round((used / quota) * 1000) / 10);
  const tone = pct >= 90 ? 'bg-red-600 dark:bg-red-500' : pct >= 75 ? 'bg-amber-500' : 'bg-teal-600 dark:bg-teal-500';
  return (
    <div className="space-y-1.5">
      <div className="flex justify-between text-sm">
        <span id={labelId} className="font-medium text-slate-800 dark:text-slate-200">
          Quota usage
        </span>
        <span className="tabular-nums text-slate-700 dark:text-slate-300" data-testid="quota-usage">
          {text} ({pct}%)
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={quota}
        aria-valuenow={Math.min(used, quota)}
        aria-valuetext={text}
        className="h-2.5 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className={cn('h-full rounded-full', tone)} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function QuotaForm({ ns }: { ns: NamespaceDto }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [text, setText] = useState(ns.quotaBytes === null ? '' : formatQuotaBytes(ns.quotaBytes).replace(' ', ''));
  const [error, setError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (quotaBytes: number | null) => updateNamespace(ns.name, updateNamespaceSchema.parse({ quotaBytes })),
    onSuccess: async (updated) => {
      queryClient.setQueryData(queryKeys.namespaces.detail(ns.name), updated);
      await queryClient.invalidateQueries({ queryKey: queryKeys.namespaces.list() });
      toast(updated.quotaBytes === null ? 'Quota cleared' : `Quota set to ${formatQuotaBytes(updated.quotaBytes)}`);
    },
    onError: (err) => setError(apiFieldErrors(err).quotaBytes),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const bytes = parseQuotaBytes(text);
    if (bytes === null || !updateNamespaceSchema.shape.quotaBytes.safeParse(bytes).success) {
      setError('a size such as 500MiB or 10GiB');
      return;
    }
    setError(undefined);
    save.mutate(bytes);
  }
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Storage quota" noValidate>
      <Field id="quota" label="Quota" hint="Binary units: 500MiB, 10GiB, or bytes." error={error}>
        <div className="flex flex-wrap gap-2">
          <Input
            id="quota"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="10GiB"
            className="max-w-48"
            aria-invalid={error ? true : undefined}
            aria-describedby={fieldDescribedBy('quota', { hint: true, error: !!error })}
          />
          <Button type="submit" variant="primary" pending={save.isPending && save.variables !== null}>
            Set quota
          </Button>
          {ns.quotaBytes !== null ? (
            <Button
              onClick={() => {
                setError(undefined);
                setText('');
                save.mutate(null);
              }}
              pending={save.isPending && save.variables === null}
            >
              Clear quota
            </Button>
          ) : null}
        </div>
      </Field>
      {save.error && !error ? <ErrorNotice error={save.error} /> : null}
    </form>
  );
}
