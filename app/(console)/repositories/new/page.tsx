import type { Metadata } from 'next';
import { CreateRepositoryForm } from '@/components/repositories/create-repository-form';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'New repository' };

export default async function NewRepositoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ns = (await searchParams).namespace;
  return (
    <>
      <PageHeader
        parent={{ href: '/repositories', label: 'Repositories' }}
        title="New repository"
        description="Create a repository ahead of the first push, to choose its type and describe it. Pushing to a new name can also create one."
      />
      <CreateRepositoryForm initialNamespace={typeof ns === 'string' ? ns : undefined} />
    </>
  );
}
