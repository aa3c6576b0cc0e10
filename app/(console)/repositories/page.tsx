import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RepositoryBrowser } from '@/components/repositories/repository-browser';
import { TableSkeleton } from '@/components/ui/skeleton';

export const metadata: Metadata = { title: 'Repositories' };

export default function RepositoriesPage() {
  return (
    <Suspense fallback={<TableSkeleton label="Loading repositories" />}>
      <RepositoryBrowser />
    </Suspense>
  );
}
