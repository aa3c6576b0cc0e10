'use client';

import Link from 'next/link';
import { splitRepositoryName } from '@/lib/paths/repository-paths';
import type { RepositoryDto } from '@/lib/schemas/repositories';
import { permissionsApi } from '@/components/permissions/permissions-api';
import { PermissionsEditor } from '@/components/permissions/permissions-editor';

export function RepositoryPermissions({ repository }: { repository: RepositoryDto }) {
  const { namespace } = splitRepositoryName(repository.name);
  return (
    <div className="space-y-4">
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Grants on this repository only. The owner and members of{' '}
        <Link href={`/namespaces/${encodeURIComponent(namespace)}`} className="font-medium text-teal-800 underline dark:text-teal-300">
          namespace {namespace}
        </Link>{' '}
        reach it too{repository.visibility === 'public' ? ', and as it is public, anyone can pull it' : ''}.
      </p>
      <PermissionsEditor
        subject={repository.name}
        emptyHint="No one holds a grant on this repository alone. Grant a user access above."
        api={permissionsApi('repository', repository.name)}
      />
    </div>
  );
}
