'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { auditKeys } from '@/lib/client/audit-api';
import { apiFieldErrors, type FieldErrors } from '@/lib/client/field-errors';
import { createToken, tokenKeys } from '@/lib/client/tokens-api';
import { splitRepositoryName } from '@/lib/paths/repository-paths';
import { buildDeployBundle, DNS1123_LABEL, portsFromExposed, toDns1123Label, type DeployBundle } from '@/lib/deploy/build-manifests';
import { createTokenSchema, type CreatedTokenDto } from '@/lib/schemas/tokens';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { DialogActions, DialogFormActions } from '@/components/ui/dialog';
import { ShowOnceDialog } from '@/components/ui/show-once-dialog';
import { TextField } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { useConsoleUser, useRegistryHost } from '@/components/shell/console-context';
import { CommandLine } from '../push-instructions';
import { ErrorNotice } from '@/components/ui/error-notice';

const DEFAULT_DAYS = '30';

/**
 * Generates what runs this image on Kubernetes: a Deployment pinned to the digest, a Service, and a pull secret
 * holding a new read-only access token limited to this namespace, that expires. The token is created once, when
 * the user asks, and shown only in this dialog.
 */
export function DeployDialog({
  repository,
  tag,
  digest,
  exposedPorts,
  open,
  onClose,
}: {
  repository: string;
  tag: string;
  digest: string;
  exposedPorts: string[];
  open: boolean;
  onClose: () => void;
}) {
  return (
    <ShowOnceDialog<{ bundle: DeployBundle; token: CreatedTokenDto }>
      open={open}
      onClose={onClose}
      title={() => `Deploy ${repository}:${tag}`}
      formDescription="Kubernetes objects that run this exact image (by digest), with a pull secret made from a new read-only access token."
      form={(onDone, onCancel) => <DeployForm repository={repository} tag={tag} digest={digest} exposedPorts={exposedPorts} onCancel={onCancel} onDone={onDone} />}
      result={(created, close) => <DeployResult bundle={created.bundle} token={created.token} onClose={close} />}
    />
  );
}

function DeployForm({
  repository,
  tag,
  digest,
  exposedPorts,
  onCancel,
  onDone,
}: {
  repository: string;
  tag: string;
  digest: string;
  exposedPorts: string[];
  onCancel: () => void;
  onDone: (r: { bundle: DeployBundle; token: CreatedTokenDto }) => void;
}) {
  const host = useRegistryHost();
  const { username } = useConsoleUser();
  const queryClient = useQueryClient();
  const { namespace } = splitRepositoryName(repository);
  const [k8sNamespace, setK8sNamespace] = useState('');
  const [ports, setPorts] = useState(exposedPorts.join(', ') || '8080');
  const [days, setDays] = useState(DEFAULT_DAYS);
  const [errors, setErrors] = useState<FieldErrors>({});

  const create = useMutation({
    mutationFn: createToken,
    onSuccess: async (token, _vars) => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: tokenKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
      const bundle = buildDeployBundle({
        registry: host,
        repository,
        digest,
        username,
        secret: token.secret,
        ports: parsePorts(ports),
        namespace: k8sNamespace.trim() || undefined,
      });
      onDone({ bundle, token });
    },
    onError: (err) => {
      const fe = apiFieldErrors(err);
      setErrors({ days: fe.expiresInDays });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors = {};
    const ns = k8sNamespace.trim();
    if (ns && (!DNS1123_LABEL.test(ns) || ns.length > 63)) next.k8sNamespace = 'a DNS-1123 label: lowercase letters, digits and "-", at most 63 characters';
    const portTokens = ports.split(/[\s,]+/).filter(Boolean);
    if (parsePorts(ports).length !== portTokens.length) next.ports = 'ports such as 8080, 443/tcp or 53/udp, from 1 to 65535';
    const n = Number(days);
    const parsed = createTokenSchema.safeParse({
      name: `deploy ${repository}:${tag}`.slice(0, 100),
      readOnly: true,
      namespaces: [namespace],
      expiresInDays: days.trim() === '' || !Number.isFinite(n) ? Number.NaN : n,
    });
    if (!parsed.success) next.days = 'a whole number of days from 1 to 365';
    setErrors(next);
    if (Object.values(next).some(Boolean) || !parsed.success) return;
    create.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <TextField
        id="deploy-k8s-namespace"
        label="Kubernetes namespace"
        hint="Leave empty to use the current kubectl context's."
        error={errors.k8sNamespace}
        value={k8sNamespace}
        onChange={(e) => setK8sNamespace(e.target.value)}
        placeholder={toDns1123Label(namespace, 'default')}
        inputClassName="max-w-72 font-mono"
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        id="deploy-ports"
        label="Container ports"
        hint={exposedPorts.length ? 'From the image’s EXPOSE instructions. Leave empty for no Service.' : 'The image declares none. Leave empty for no Service.'}
        error={errors.ports}
        value={ports}
        onChange={(e) => setPorts(e.target.value)}
        inputClassName="max-w-72 font-mono"
        autoComplete="off"
      />
      <TextField
        id="deploy-days"
        label="Pull token expires after (days)"
        error={errors.days}
        inputMode="numeric"
        value={days}
        onChange={(e) => setDays(e.target.value)}
        inputClassName="max-w-32"
      />
      <Notice tone="info">
        Generating creates a new access token in your name: read-only, limited to the namespace <span className="font-mono">{namespace}</span>, and it
        expires. It appears under Tokens, where you can revoke it.
      </Notice>
      {create.error && !errors.days ? <ErrorNotice error={create.error} /> : null}
      <DialogFormActions submitLabel="Create token and generate" pending={create.isPending} onCancel={onCancel} />
    </form>
  );
}

function DeployResult({ bundle, token, onClose }: { bundle: DeployBundle; token: CreatedTokenDto; onClose: () => void }) {
  const start = useRef<HTMLDivElement>(null);
  useEffect(() => start.current?.focus(), []);
  const download = `data:application/yaml;charset=utf-8,${encodeURIComponent(bundle.yaml)}`;
  return (
    <div ref={start} tabIndex={-1} className="space-y-4 outline-none">
      <Notice tone="warning" title="Save the file now">
        It holds access token <span className="font-mono">{token.token.name}</span> ({token.token.prefix}…), shown only this once. The token is read-only, reaches
        only {token.token.namespaces.join(', ')}, and expires {token.token.expiresAt ? new Date(token.token.expiresAt).toLocaleDateString('en') : 'never'}.
      </Notice>
      <div>
        <div className="mb-1.5 flex items-center justify-between gap-2">
          <p id="deploy-yaml-label" className="text-sm font-medium text-slate-800 dark:text-slate-200">
            {bundle.fileName}
          </p>
          <div className="flex items-center gap-1">
            <a href={download} download={bundle.fileName} className="rounded px-2 py-1 text-sm font-medium text-teal-700 hover:underline dark:text-teal-400">
              Download
            </a>
            <CopyButton value={bundle.yaml} label="Kubernetes YAML" showText />
          </div>
        </div>
        <pre
          aria-labelledby="deploy-yaml-label"
          data-testid="deploy-yaml"
          tabIndex={0}
          className="max-h-80 overflow-auto rounded-lg bg-slate-900 p-3 font-mono text-xs leading-5 text-slate-100 ring-1 ring-slate-800 dark:bg-black/40"
        >
          <code>{bundle.yaml}</code>
        </pre>
      </div>
      <div className="space-y-2">
        <p className="text-sm font-medium text-slate-800 dark:text-slate-200">Apply it</p>
        <CommandLine command={bundle.kubectlApply} label="kubectl apply command" />
        <p className="text-sm font-medium text-slate-800 dark:text-slate-200">Or run the same image here</p>
        <CommandLine command={bundle.dockerRun} label="docker run command" />
        <CommandLine command={bundle.podmanRun} label="podman run command" />
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Log the client in first (<code className="font-mono">docker login</code>, <code className="font-mono">podman login</code>) with your username and this
          token. A registry served over plain HTTP must be listed as insecure in the container runtime (containerd, CRI-O, Docker) of every node.
        </p>
      </div>
      <DialogActions>
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      </DialogActions>
    </div>
  );
}

function parsePorts(text: string) {
  return portsFromExposed(text.split(/[\s,]+/).filter(Boolean));
}
