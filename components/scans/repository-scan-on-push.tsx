'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { getNamespace } from '@/lib/client/namespaces-api';
import { queryKeys } from '@/lib/client/query-keys';
import { updateRepository } from '@/lib/client/repositories-api';
import { splitRepositoryName } from '@/lib/paths/repository-paths';
import type { RepositoryDto } from '@/lib/schemas/repositories';
import { Button } from '@/components/ui/button';
import { SectionCard } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { useToast } from '@/components/ui/toast';
import { ErrorNotice } from '@/components/ui/error-notice';

type Choice = 'follow' | 'on' | 'off';
const toChoice = (v: boolean | null): Choice => (v === null ? 'follow' : v ? 'on' : 'off');
const fromChoice = (c: Choice): boolean | null => (c === 'follow' ? null : c === 'on');

/** Scan on push for one repository: follow the namespace, or always on, or always off. For those who may update it. */
export function RepositoryScanOnPush({ repository }: { repository: RepositoryDto }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const { namespace } = splitRepositoryName(repository.name);
  // The namespace's setting is what "follow" means now; someone who sees the repository may read its namespace.
  const ns = useQuery({ queryKey: queryKeys.namespaces.detail(namespace), queryFn: ({ signal }) => getNamespace(namespace, signal) });
  const saved = toChoice(repository.scanOnPush);
  const [choice, setChoice] = useState<Choice>(saved);
  const save = useMutation({
    mutationFn: () => updateRepository(repository.name, { scanOnPush: fromChoice(choice) }),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.repositories.detail(repository.name), updated);
      toast('Scan setting saved');
    },
  });
  const inherited = ns.data ? (ns.data.scanOnPush ? 'on' : 'off') : null;
  const options: Array<{ value: Choice; label: string; description: string }> = [
    {
      value: 'follow',
      label: inherited ? `Follow the namespace (${inherited})` : 'Follow the namespace',
      description: `As ${namespace}'s settings say, now and when they change.`,
    },
    { value: 'on', label: 'On', description: 'Scan every image pushed here.' },
    { value: 'off', label: 'Off', description: 'Scan only when someone asks.' },
  ];

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <SectionCard title="Scan on push" description="Scans find known vulnerabilities in the image's packages and secrets in its files.">
      <form onSubmit={submit} aria-label="Scan on push" className="space-y-4">
        <fieldset>
          <legend className="sr-only">Scan images pushed to this repository</legend>
          <div className="grid gap-2 sm:grid-cols-3">
            {options.map((o) => (
              <label
                key={o.value}
                className={cn(
                  'flex cursor-pointer gap-3 rounded-lg border p-3 text-sm transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-teal-600',
                  choice === o.value
                    ? 'border-teal-600 bg-teal-50/60 dark:border-teal-500 dark:bg-teal-950/40'
                    : 'border-slate-300 hover:border-slate-400 dark:border-slate-700 dark:hover:border-slate-600',
                )}
              >
                <input type="radio" name="scan-on-push" value={o.value} checked={choice === o.value} onChange={() => setChoice(o.value)} className="mt-0.5 accent-teal-700" />
                <span>
                  <span className="block font-medium text-slate-900 dark:text-slate-100">{o.label}</span>
                  <span className="block text-slate-600 dark:text-slate-400">{o.description}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <ErrorNotice error={save.error} />
        <div className="flex justify-end gap-2">
          {choice !== saved ? <Button onClick={() => setChoice(saved)}>Discard</Button> : null}
          <Button type="submit" variant="primary" disabled={choice === saved} pending={save.isPending}>
            Save
          </Button>
        </div>
      </form>
    </SectionCard>
  );
}
