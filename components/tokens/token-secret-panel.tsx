'use client';

import { useEffect, useRef } from 'react';
import type { CreatedTokenDto } from '@/lib/schemas/tokens';
import { CopyButton } from '@/components/ui/copy-button';
import { Notice } from '@/components/ui/notice';
import { CommandLine } from '@/components/repositories/push-instructions';
import { useConsoleUser, useRegistryHost } from '@/components/shell/console-context';

/** The new token's secret, shown this once, with the commands that log a client in with it. */
export function TokenSecretPanel({ created }: { created: CreatedTokenDto }) {
  const host = useRegistryHost();
  const { username } = useConsoleUser();
  const { secret, token } = created;
  // The form that had focus is gone: start reading from the warning and the secret.
  const start = useRef<HTMLDivElement>(null);
  useEffect(() => start.current?.focus(), []);
  return (
    <div ref={start} tabIndex={-1} className="space-y-4 outline-none">
      <Notice tone="warning" title="Copy the token now">
        It is shown only this once: Berth keeps only a hash of it. If you lose it, revoke it and create another.
      </Notice>
      <div>
        <p id="token-secret-label" className="mb-1.5 text-sm font-medium text-slate-800 dark:text-slate-200">
          Access token <span className="font-normal text-slate-500 dark:text-slate-400">({token.name})</span>
        </p>
        <div className="flex items-center gap-2 rounded-md border border-slate-300 bg-slate-50 py-1 pl-3 pr-1 dark:border-slate-700 dark:bg-slate-950">
          <code aria-labelledby="token-secret-label" data-testid="token-secret" className="min-w-0 flex-1 break-all font-mono text-sm">
            {secret}
          </code>
          <CopyButton value={secret} label="access token" showText />
        </div>
      </div>
      <div className="space-y-2">
        <p className="text-sm font-medium text-slate-800 dark:text-slate-200">Log in with it</p>
        <CommandLine command={`podman login --tls-verify=false ${host} -u ${username} -p ${secret}`} label="podman login command" />
        <CommandLine command={`echo '${secret}' | docker login ${host} -u ${username} --password-stdin`} label="docker login command" />
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Use it wherever a password is asked for, with your username <code className="font-mono">{username}</code>
          {token.readOnly ? '. It can pull but not push or delete' : ''}
          {token.namespaces.length ? `, and reaches only ${token.namespaces.join(', ')}` : ''}. For Docker over plain HTTP, add{' '}
          <code className="font-mono">{host}</code> to <code className="font-mono">insecure-registries</code> first.
        </p>
      </div>
    </div>
  );
}
