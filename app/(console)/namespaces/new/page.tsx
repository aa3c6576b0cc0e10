import type { Metadata } from 'next';
import { CreateNamespaceForm } from '@/components/namespaces/create-namespace-form';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'New namespace' };

export default function NewNamespacePage() {
  return (
    <>
      <PageHeader
        parent={{ href: '/namespaces', label: 'Namespaces' }}
        title="New namespace"
        description="You will own it: you can add members, change its settings and delete it."
      />
      <CreateNamespaceForm />
    </>
  );
}
