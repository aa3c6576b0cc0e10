'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { auditKeys } from '@/lib/client/audit-api';
import { apiFieldErrors, parseFormFields, type FieldErrors } from '@/lib/client/field-errors';
import { copyTag } from '@/lib/client/lifecycle-api';
import { queryKeys } from '@/lib/client/query-keys';
import { repositoryHref } from '@/lib/paths/repository-paths';
import { copyTagSchema, splitImageRef, type CopyTagResultDto } from '@/lib/schemas/promotion';
import { Button, ButtonLink } from '@/components/ui/button';
import { Dialog, DialogActions, DialogFormActions } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { ErrorNotice } from '@/components/ui/error-notice';

/**
 * Copies a tag to another repository and tag, server-side (no byte uploaded again): promotion from dev to prod.
 * The target's rules apply as to a push, so an immutable tag or a full quota is refused with the registry's words.
 */
export function CopyTagDialog({ repository, tag, open, onClose }: { repository: string; tag: string; open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Copy / promote ${repository}:${tag}`}
      description="Copies the image (an index with all its platforms) to any repository you may push to, without uploading it again."
    >
      <CopyTagForm repository={repository} tag={tag} onClose={onClose} />
    </Dialog>
  );
}

function CopyTagForm({ repository, tag, onClose }: { repository: string; tag: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [to, setTo] = useState('');
  const [withReferrers, setWithReferrers] = useState(true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<CopyTagResultDto | null>(null);
  const copy = useMutation({
    mutationFn: (data: { to: string; withReferrers: boolean }) => copyTag(repository, tag, data),
    onSuccess: async (result) => {
      setDone(result);
      const target = splitImageRef(result.to).name;
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.repositories.tags(target) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.repositories.detail(target) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.repositories.lists() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.namespaces.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
    },
    onError: (err) => setErrors(apiFieldErrors(err)),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const data = parseFormFields(copyTagSchema, { to: to.trim(), withReferrers }, setErrors);
    if (data) copy.mutate(data);
  }

  if (done) {
    const target = splitImageRef(done.to);
    return (
      <div className="space-y-4">
        <Notice tone="success" title="Copied">
          <span className="font-mono">{done.to}</span> now points at the same image ({done.manifests} {done.manifests === 1 ? 'manifest' : 'manifests'},{' '}
          {done.blobs} {done.blobs === 1 ? 'blob' : 'blobs'} linked, nothing uploaded).
        </Notice>
        <DialogActions>
          <Button onClick={onClose}>Close</Button>
          <ButtonLink href={repositoryHref(target.name, { tab: 'tag', tag: target.tag })} variant="primary">
            Open {done.to}
          </ButtonLink>
        </DialogActions>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <TextField
        id="copy-to"
        label="Target"
        hint={<>As <code className="font-mono">namespace/repository:tag</code>; a new repository is created if the namespace allows it.</>}
        error={errors.to}
        value={to}
        onChange={(e) => setTo(e.target.value)}
        placeholder={`prod/${repository.slice(repository.indexOf('/') + 1)}:${tag}`}
        inputClassName="font-mono"
        spellCheck={false}
        autoComplete="off"
      />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" checked={withReferrers} onChange={(e) => setWithReferrers(e.target.checked)} className="mt-0.5 size-4 accent-teal-700" />
        <span>
          <span className="font-medium text-slate-800 dark:text-slate-200">Copy referrers too</span>
          <span className="block text-slate-600 dark:text-slate-400">Signatures, SBOMs and other artifacts attached to the image.</span>
        </span>
      </label>
      {copy.error && !errors.to ? (
        <ErrorNotice error={copy.error} title="Not copied" />
      ) : null}
      <DialogFormActions submitLabel="Copy" pending={copy.isPending} onCancel={onClose} />
    </form>
  );
}
