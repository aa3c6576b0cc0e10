'use client';

import { CopyButton } from '@/components/ui/copy-button';
import { useRegistryHost } from '@/components/shell/console-context';

/** A command in a dark box with a copy button. */
export function CommandLine({ command, label }: { command: string; label: string }) {
  return (
    <div className="flex items-start gap-2 rounded-lg bg-slate-900 py-2 pl-3.5 pr-1.5 text-slate-100 ring-1 ring-slate-800 dark:bg-black/40">
      <pre className="min-w-0 flex-1 whitespace-pre-wrap break-all py-1 font-mono text-[13px] leading-5">
        <code>{command}</code>
      </pre>
      <CopyButton value={command} label={label} className="text-slate-500 hover:bg-slate-700 hover:text-white dark:text-slate-400" />
    </div>
  );
}

/** How to push an image into `repository` (a full name) or, without one, into any repository of a namespace. */
export function PushInstructions({ repository, namespace }: { repository?: string; namespace?: string }) {
  const host = useRegistryHost();
  const target = repository ?? `${namespace ?? '<namespace>'}/<repository>`;
  return (
    <div className="space-y-2 text-left">
      <CommandLine command={`podman login --tls-verify=false ${host}`} label="login command" />
      <CommandLine command={`podman push --tls-verify=false <image> ${host}/${target}:<tag>`} label="push command" />
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Log in with your username and password or an access token. With Docker, add <code className="font-mono">{host}</code> to
        &nbsp;<code className="font-mono">insecure-registries</code>, then <code className="font-mono">docker push</code>.
      </p>
    </div>
  );
}
