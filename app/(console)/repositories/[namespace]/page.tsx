import { redirect } from 'next/navigation';

/** `/repositories/<namespace>` (a breadcrumb, or a trimmed URL) lists that namespace's repositories. */
export default async function NamespaceRepositoriesPage({ params }: { params: Promise<{ namespace: string }> }) {
  const { namespace } = await params;
  redirect(`/repositories?namespace=${encodeURIComponent(decodeURIComponent(namespace))}`);
}
