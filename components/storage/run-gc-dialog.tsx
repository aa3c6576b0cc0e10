'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { auditKeys } from '@/lib/client/audit-api';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '@/lib/client/field-errors';
import { lifecycleKeys, requestGc } from '@/lib/client/lifecycle-api';
import { DEFAULT_GRACE_PERIOD_SECONDS, requestGcSchema } from '@/lib/schemas/gc';
import { Dialog, DialogFormActions } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { SwitchRow } from '@/components/ui/switch';
import { useToast } from '@/components/ui/toast';
import { ErrorNotice } from '@/components/ui/error-notice';

/** Queues a garbage collection run with the options of `POST /api/v1/gc`; the runs table follows it. */
export function RunGcDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Run garbage collection"
      description="Runs while the registry keeps serving: nothing pushed or uploaded within the grace period is touched."
    >
      <RunGcForm onClose={onClose} />
    </Dialog>
  );
}

function RunGcForm({ onClose }: { onClose: () => void }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [dryRun, setDryRun] = useState(true);
  const [deleteUntagged, setDeleteUntagged] = useState(false);
  const [minutes, setMinutes] = useState(String(DEFAULT_GRACE_PERIOD_SECONDS / 60));
  const [errors, setErrors] = useState<FieldErrors>({});
  const run = useMutation({
    mutationFn: requestGc,
    onSuccess: async (created) => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: lifecycleKeys.gcRuns }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
      toast(created.dryRun ? 'Dry run queued' : 'Garbage collection queued');
      onClose();
    },
    onError: (err) => setErrors(apiFieldErrors(err)),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const m = Number(minutes);
    const parsed = requestGcSchema.safeParse({
      dryRun,
      deleteUntagged,
      gracePeriodSeconds: minutes.trim() === '' || !Number.isFinite(m) ? Number.NaN : Math.round(m * 60),
    });
    if (!parsed.success) {
      const fe = zodFieldErrors(parsed.error);
      setErrors({ gracePeriodSeconds: fe.gracePeriodSeconds ? 'a whole number of minutes, at most 525600 (a year)' : undefined });
      return;
    }
    setErrors({});
    run.mutate(parsed.data);
  }

  const graceError = errors.gracePeriodSeconds;
  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      <SwitchRow id="gc-dry-run" label="Dry run" hint="Count what would be deleted, and delete nothing." checked={dryRun} onChange={setDryRun} />
      <SwitchRow
        id="gc-untagged"
        label="Delete untagged manifests"
        hint="Also delete images no tag, index or kept referrer reaches (the ones left when a tag was deleted or moved). Off: only blobs no manifest references go."
        checked={deleteUntagged}
        onChange={setDeleteUntagged}
      />
      <TextField
        id="gc-grace"
        label="Grace period (minutes)"
        hint="Anything pushed or uploaded more recently is kept."
        error={graceError}
        inputMode="numeric"
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        inputClassName="max-w-40"
      />
      {run.error && !graceError ? <ErrorNotice error={run.error} /> : null}
      <DialogFormActions submitLabel={dryRun ? 'Start dry run' : 'Start garbage collection'} pending={run.isPending} onCancel={onClose} danger={!dryRun} />
    </form>
  );
}
