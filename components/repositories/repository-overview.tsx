'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { RepositoryCapabilities } from '@/lib/client/capabilities';
import { apiFieldErrors, parseFormFields, type FieldErrors } from '@/lib/client/field-errors';
import { queryKeys } from '@/lib/client/query-keys';
import { updateRepository } from '@/lib/client/repositories-api';
import { DESCRIPTION_MAX_BYTES, SUMMARY_MAX_LENGTH, updateRepositorySchema, type RepositoryDto } from '@/lib/schemas/repositories';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { TextField, fieldDescribedBy } from '@/components/ui/field';
import { PencilIcon } from '@/components/ui/icons';
import { Textarea } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { Markdown } from '@/components/markdown/markdown';
import { RepositoryScanOnPush } from '@/components/scans/repository-scan-on-push';
import { ErrorNotice } from '@/components/ui/error-notice';

export function RepositoryOverview({ repository, can }: { repository: RepositoryDto; can: RepositoryCapabilities }) {
  const [editing, setEditing] = useState(false);
  if (editing) return <DescriptionEditor repository={repository} onDone={() => setEditing(false)} />;
  return (
    <div className="max-w-3xl">
      {can.update ? (
        <div className="mb-4 flex justify-end">
          <Button onClick={() => setEditing(true)}>
            <PencilIcon />
            Edit summary and description
          </Button>
        </div>
      ) : null}
      {repository.description.trim() ? (
        <article className="rounded-lg border border-slate-200 bg-white p-5 sm:p-6 dark:border-slate-800 dark:bg-slate-900" aria-label="Description">
          <Markdown source={repository.description} />
        </article>
      ) : (
        <EmptyState title="No description">
          {can.update
            ? 'Describe what this image is for, how to run it and which tags to use. Markdown is supported.'
            : 'The repository’s administrators have not described it yet.'}
        </EmptyState>
      )}
      {can.update ? (
        <div className="mt-6">
          <RepositoryScanOnPush repository={repository} />
        </div>
      ) : null}
    </div>
  );
}

const byteLength = (s: string) => new TextEncoder().encode(s).length;

function DescriptionEditor({ repository, onDone }: { repository: RepositoryDto; onDone: () => void }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [summary, setSummary] = useState(repository.summary);
  const [description, setDescription] = useState(repository.description);
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: (data: { summary: string; description: string }) => updateRepository(repository.name, data),
    onSuccess: async (updated) => {
      queryClient.setQueryData(queryKeys.repositories.detail(repository.name), updated);
      await queryClient.invalidateQueries({ queryKey: queryKeys.repositories.lists() });
      toast('Description saved');
      onDone();
    },
    onError: (err) => setErrors(apiFieldErrors(err)),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!parseFormFields(updateRepositorySchema, { summary, description }, setErrors)) return;
    save.mutate({ summary, description });
  }

  const bytes = byteLength(description);
  const tabClass = (active: boolean) =>
    cn(
      'h-8 rounded-md px-3 text-sm font-medium',
      active ? 'bg-white text-slate-900 shadow-sm dark:bg-slate-700 dark:text-white' : 'text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white',
    );
  return (
    <form onSubmit={submit} noValidate className="max-w-3xl space-y-5" aria-label="Edit summary and description">
      <TextField
        id="edit-summary"
        label="Summary"
        hint={`${summary.length}/${SUMMARY_MAX_LENGTH} characters, shown in lists.`}
        error={errors.summary}
        value={summary}
        maxLength={SUMMARY_MAX_LENGTH}
        onChange={(e) => setSummary(e.target.value)}
      />
      <div className="space-y-1.5">
        <div className="flex items-end justify-between gap-3">
          <label htmlFor="edit-description" className="text-sm font-medium text-slate-800 dark:text-slate-200">
            Description
          </label>
          <div role="tablist" aria-label="Description editor" className="inline-flex gap-1 rounded-lg bg-slate-100 p-1 dark:bg-slate-800">
            <button type="button" role="tab" aria-selected={tab === 'write'} aria-controls="description-write" className={tabClass(tab === 'write')} onClick={() => setTab('write')}>
              Write
            </button>
            <button type="button" role="tab" aria-selected={tab === 'preview'} aria-controls="description-preview" className={tabClass(tab === 'preview')} onClick={() => setTab('preview')}>
              Preview
            </button>
          </div>
        </div>
        <div id="description-write" role="tabpanel" hidden={tab !== 'write'}>
          <Textarea
            id="edit-description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            rows={16}
            className="font-mono text-[13px] leading-5"
            aria-invalid={!!errors.description || undefined}
            aria-describedby={fieldDescribedBy('edit-description', { hint: true, error: !!errors.description })}
          />
        </div>
        <div
          id="description-preview"
          role="tabpanel"
          hidden={tab !== 'preview'}
          className="min-h-[22rem] rounded-md border border-slate-300 bg-white p-5 dark:border-slate-700 dark:bg-slate-900"
        >
          {description.trim() ? <Markdown source={description} /> : <p className="text-sm text-slate-500 dark:text-slate-400">Nothing to preview.</p>}
        </div>
        <p id="edit-description-hint" className="text-xs text-slate-500 dark:text-slate-400">
          Markdown: headings, lists, <code>`code`</code>, fenced code blocks, **bold**, _italic_ and [links](https://example.com). HTML is shown as text.{' '}
          <span className={bytes > DESCRIPTION_MAX_BYTES ? 'font-medium text-red-600' : undefined}>
            {(bytes / 1024).toFixed(1)} of {DESCRIPTION_MAX_BYTES / 1024} KB.
          </span>
        </p>
        {errors.description ? (
          <p id="edit-description-error" role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
            {errors.description}
          </p>
        ) : null}
      </div>
      {save.error && Object.keys(apiFieldErrors(save.error)).length === 0 ? <ErrorNotice error={save.error} /> : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" pending={save.isPending}>
          Save
        </Button>
      </div>
    </form>
  );
}
