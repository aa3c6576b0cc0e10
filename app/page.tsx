import { headers } from 'next/headers';

export default async function Home() {
  const host = (await headers()).get('host') ?? 'localhost:3000';
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="text-3xl font-semibold">Berth</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">A self-hosted OCI container registry.</p>
      <section className="mt-10">
        <h2 className="text-lg font-medium">Push an image</h2>
        <pre className="mt-3 overflow-x-auto rounded-lg bg-slate-100 p-4 text-sm dark:bg-slate-900">
          {`podman login --tls-verify=false ${host}\npodman push --tls-verify=false <image> ${host}/<namespace>/<repository>:<tag>`}
        </pre>
      </section>
    </main>
  );
}
