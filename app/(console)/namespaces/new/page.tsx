import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateNamespaceForm } from '@/components/namespaces/create-namespace-form';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'New namespace' };

export default function NewNamespacePage() {
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/namespaces" className="hover:underline">
            Namespaces
          </Link>
        }
        title="New namespace"
        description="You will own it: you can add members, change its settings and delete it."
      />
      <CreateNamespaceForm />
    </>
  );
}
