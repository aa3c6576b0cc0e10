'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { buildKeys, cancelBuild, getBuild, isActive, readBuildLog } from '@/lib/client/builds-api';
import type { RepositoryCapabilities } from '@/lib/client/capabilities';
import { repositoryHref } from '@/lib/paths/repository-paths';
import { Button } from '@/components/ui/button';
import { QueryFallback } from '@/components/ui/query-view';
import { Loading } from '@/components/ui/skeleton';
import { BuildStatus, formatDuration } from './build-status';

/** One build: its facts, and its log followed live while it runs, with Cancel. */
export function BuildDetail({ repository, id, can }: { repository: string; id: string; can: RepositoryCapabilities }) {
  const queryClient = useQueryClient();
  const build = useQuery({
    queryKey: buildKeys.build(repository, id),
    queryFn: ({ signal }) => getBuild(repository, id, signal),
    refetchInterval: (q) => (q.state.data && isActive(q.state.data.status) ? 1500 : false),
  });
  const log = useFollowedLog(repository, id);
  const cancel = useMutation({
    mutationFn: () => cancelBuild(repository, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: buildKeys.all(repository) }),
  });
  if (build.data === undefined) return <QueryFallback query={build} loading={<Loading label="Loading build" />} errorTitle="Could not load the build" />;
  const b = build.data;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href={repositoryHref(repository, { tab: 'builds' })} className="text-sky-700 hover:underline dark:text-sky-400">
          ← All builds
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">Build {b.id.slice(0, 8)}</h2>
        <span data-testid="build-status">
          <BuildStatus status={b.status} />
        </span>
        {can.runBuilds && isActive(b.status) ? (
          <Button size="sm" variant="danger" pending={cancel.isPending} onClick={() => cancel.mutate()}>
            Cancel build
          </Button>
        ) : null}
      </div>
      <dl className="grid max-w-3xl grid-cols-[8rem_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">Rule</dt>
        <dd>{b.ruleName}</dd>
        <dt className="text-slate-500">Ref</dt>
        <dd className="break-all">{b.ref}</dd>
        <dt className="text-slate-500">Commit</dt>
        <dd className="font-mono text-xs">{b.commit ?? '—'}</dd>
        <dt className="text-slate-500">Triggered</dt>
        <dd>
          {b.trigger} by {b.requestedBy}
        </dd>
        <dt className="text-slate-500">Duration</dt>
        <dd>
          {formatDuration(b.durationSeconds)} (queued {formatDuration(b.queuedSeconds)})
        </dd>
        <dt className="text-slate-500">Tags</dt>
        <dd>
          {b.tags.length
            ? b.tags.map((t) => (
                <Link key={t} href={repositoryHref(repository, { tab: 'tag', tag: t })} className="mr-2 text-sky-700 hover:underline dark:text-sky-400">
                  {t}
                </Link>
              ))
            : '—'}
        </dd>
        {b.digest ? (
          <>
            <dt className="text-slate-500">Digest</dt>
            <dd className="break-all font-mono text-xs">{b.digest}</dd>
          </>
        ) : null}
        {b.error ? (
          <>
            <dt className="text-slate-500">Error</dt>
            <dd className="text-red-700 dark:text-red-400">{b.error}</dd>
          </>
        ) : null}
      </dl>
      <section aria-label="Build log">
        {log.dropped > 0 ? <p className="text-xs text-slate-500">The first {log.dropped} bytes of this log were dropped to keep it under 10 MiB.</p> : null}
        <LogView text={log.text} />
      </section>
    </div>
  );
}

function LogView({ text }: { text: string }) {
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [text]);
  return (
    <pre ref={ref} data-testid="build-log" className="max-h-[32rem] overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-relaxed text-slate-100">
      {text || 'Waiting for output…'}
    </pre>
  );
}

/** Reads the log from where it left off every second until the build is over and everything is read. */
function useFollowedLog(repository: string, id: string): { text: string; dropped: number } {
  const [state, setState] = useState({ text: '', dropped: 0 });
  useEffect(() => {
    let offset = 0;
    let stopped = false;
    const controller = new AbortController();
    const tick = async () => {
      while (!stopped) {
        try {
          const chunk = await readBuildLog(repository, id, offset, controller.signal);
          offset = chunk.nextOffset;
          if (chunk.text) setState((s) => ({ text: s.text + chunk.text, dropped: chunk.droppedBytes }));
          if (chunk.complete) return;
          if (chunk.text) continue; // more may be waiting
        } catch {
          if (stopped) return;
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    void tick();
    return () => {
      stopped = true;
      controller.abort();
    };
  }, [repository, id]);
  return state;
}
