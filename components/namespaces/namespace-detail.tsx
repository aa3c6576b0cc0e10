'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ScanAllButton } from '@/components/scans/scan-all-button';
import { useState, type FormEvent } from 'react';
import { formatBytes } from '@/lib/client/format';
import { deleteNamespace, getNamespace, updateNamespace } from '@/lib/client/namespaces-api';
import type { NamespaceCapabilities } from '@/lib/client/capabilities';
import { queryKeys } from '@/lib/client/query-keys';
import type { NamespaceDto, VisibilityValue } from '@/lib/schemas/namespaces';
import { updateNamespaceSchema } from '@/lib/schemas/namespaces';
import type { PermissionListDto } from '@/lib/schemas/permissions';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { BoxIcon, PlusIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { Switch } from '@/components/ui/switch';
import { useToast } from '@/components/ui/toast';
import { permissionsApi } from '@/components/permissions/permissions-api';
import { PermissionsEditor } from '@/components/permissions/permissions-editor';
import { VisibilityBadge, VisibilityChoice } from '@/components/repositories/visibility';
import { useRegistryHost } from '@/components/shell/console-context';
import { ScanOnPushSwitch } from '@/components/scans/scan-on-push-switch';
import { NamespaceWebhooks } from '@/components/webhooks/namespace-webhooks';
import { NamespaceLifecycle } from '@/components/lifecycle/lifecycle-section';
import { SpaceReturnsNote } from '@/components/lifecycle/space-returns-note';
import { NamespaceRepositories } from './namespace-repositories';
import { DangerZone } from '@/components/ui/danger-zone';
import { useConfirmedMutation } from '@/components/ui/use-confirmed-mutation';
import { ErrorNotice } from '@/components/ui/error-notice';

/** A namespace's page: settings, members and delete are offered only to those allowed to use them. */
export function NamespaceDetail({
  initial,
  can,
  initialPermissions,
  canManageQuota = false,
}: {
  initial: NamespaceDto;
  can: NamespaceCapabilities;
  initialPermissions?: PermissionListDto;
  /** Set or clear the storage quota (cr:ManageStorage on the installation). */
  canManageQuota?: boolean;
}) {
  const host = useRegistryHost();
  const query = useQuery({ queryKey: queryKeys.namespaces.detail(initial.name), queryFn: ({ signal }) => getNamespace(initial.name, signal), initialData: initial });
  const ns = query.data;
  const nsPath = encodeURIComponent(ns.name);

  return (
    <>
      <PageHeader
        parent={{ href: '/namespaces', label: 'Namespaces' }}
        title={<span className="font-mono">{ns.name}</span>}
        description={
          <>
            Owned by <span className="font-medium text-slate-800 dark:text-slate-200">{ns.owner}</span> · created <RelativeTime iso={ns.createdAt} />
          </>
        }
        actions={
          <>
            <ButtonLink href={`/repositories?namespace=${nsPath}`}>
              <BoxIcon />
              Repositories
            </ButtonLink>
            {/* Namespace admins scan every repository of it; the service checks each repository. */}
            {can.update ? <ScanAllButton scope={{ kind: 'namespace', name: ns.name }} /> : null}
            {can.createRepository ? (
              <ButtonLink href={`/repositories/new?namespace=${nsPath}`} variant="primary">
                <PlusIcon />
                New repository
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Repositories" value={String(ns.repositoryCount)} />
        <Stat label="Storage" value={formatBytes(ns.storageBytes)} />
        <Stat label="New repositories" value={<VisibilityBadge visibility={ns.defaultVisibility} />} />
        <Stat label="Create on push" value={ns.autoCreateRepository ? 'On' : 'Off'} />
      </dl>
      <div className="space-y-6">
        {/* Namespace administrators may delete its repositories; the service decides each one. */}
        <NamespaceRepositories namespace={ns.name} selectable={can.update} />
        <Card>
          <CardHeader
            title="Pushing to this namespace"
            description={
              <>
                Push to <code className="font-mono text-xs">{host}/{ns.name}/&lt;repository&gt;:&lt;tag&gt;</code>.
              </>
            }
          />
          <CardBody>
            {can.update ? (
              <NamespaceSettingsForm ns={ns} />
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {ns.autoCreateRepository
                  ? `A push to a new repository name creates it as ${ns.defaultVisibility}.`
                  : 'Repositories must be created in the console before the first push.'}{' '}
                Only the namespace&apos;s administrators can change this.
              </p>
            )}
          </CardBody>
        </Card>
        {can.managePermissions ? (
          <Card>
            <CardHeader
              title="Members"
              description="Members reach every repository in this namespace at their level. Access to a single repository is granted on that repository."
            />
            <CardBody>
              <PermissionsEditor
                subject={`namespace ${ns.name}`}
                initialData={initialPermissions}
                fixedRows={[{ username: ns.owner, note: 'owner' }]}
                emptyHint="No members yet. Grant a user access above."
                api={permissionsApi('namespace', ns.name)}
              />
            </CardBody>
          </Card>
        ) : null}
        <NamespaceLifecycle ns={ns} canEdit={can.update} canManageQuota={canManageQuota} />
        {can.viewWebhooks ? <NamespaceWebhooks namespace={ns.name} can={can} /> : null}
        {can.delete ? <DeleteNamespace ns={ns} /> : null}
      </div>
    </>
  );
}

function Stat({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

function NamespaceSettingsForm({ ns }: { ns: NamespaceDto }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [autoCreate, setAutoCreate] = useState(ns.autoCreateRepository);
  const [visibility, setVisibility] = useState<VisibilityValue>(ns.defaultVisibility);
  const [scanOnPush, setScanOnPush] = useState(ns.scanOnPush);
  const dirty = autoCreate !== ns.autoCreateRepository || visibility !== ns.defaultVisibility || scanOnPush !== ns.scanOnPush;
  const save = useMutation({
    mutationFn: () => updateNamespace(ns.name, updateNamespaceSchema.parse({ autoCreateRepository: autoCreate, defaultVisibility: visibility, scanOnPush })),
    onSuccess: async (updated) => {
      queryClient.setQueryData(queryKeys.namespaces.detail(ns.name), updated);
      await queryClient.invalidateQueries({ queryKey: queryKeys.namespaces.list() });
      toast('Namespace settings saved');
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <form onSubmit={submit} className="space-y-5" aria-label="Namespace settings">
      <div className="flex items-start justify-between gap-4">
        <div>
          <p id="auto-create-label" className="text-sm font-medium text-slate-800 dark:text-slate-200">
            Automatically create repository on push
          </p>
          <p id="auto-create-hint" className="text-sm text-slate-600 dark:text-slate-400">
            A push by a member with write access to a new name creates the repository. When off, create repositories here first.
          </p>
        </div>
        <Switch checked={autoCreate} onChange={setAutoCreate} aria-labelledby="auto-create-label" aria-describedby="auto-create-hint" />
      </div>
      <VisibilityChoice name="default-visibility" legend="Default repository type" value={visibility} onChange={setVisibility} />
      <p className="text-xs text-slate-500 dark:text-slate-400">Applies to repositories created from now on; existing ones keep their type.</p>
      <ScanOnPushSwitch checked={scanOnPush} onChange={setScanOnPush} />
      <ErrorNotice error={save.error} />
      <div className="flex justify-end gap-2">
        {dirty ? (
          <Button
            onClick={() => {
              setAutoCreate(ns.autoCreateRepository);
              setVisibility(ns.defaultVisibility);
              setScanOnPush(ns.scanOnPush);
            }}
          >
            Discard
          </Button>
        ) : null}
        <Button type="submit" variant="primary" disabled={!dirty} pending={save.isPending}>
          Save settings
        </Button>
      </div>
    </form>
  );
}

function DeleteNamespace({ ns }: { ns: NamespaceDto }) {
  const flow = useConfirmedMutation({
    run: () => deleteNamespace(ns.name),
    forget: queryKeys.namespaces.detail(ns.name),
    invalidate: [queryKeys.namespaces.all, queryKeys.repositories.all],
    done: `Namespace ${ns.name} deleted`,
    goTo: '/namespaces',
  });
  return (
    <DangerZone
      action="Delete namespace"
      description={
        <>
          Deletes the namespace and every repository and tag in it. This cannot be undone.
          <SpaceReturnsNote what="the namespace" />
        </>
      }
      question={`Delete namespace ${ns.name}?`}
      consequence={
        <>
          {ns.repositoryCount > 0
            ? `Its ${ns.repositoryCount} ${ns.repositoryCount === 1 ? 'repository' : 'repositories'}, with all their tags, will be deleted too.`
            : 'It holds no repositories you can see.'}
          <SpaceReturnsNote what="the namespace" />
        </>
      }
      confirmText={ns.name}
      flow={flow}
    />
  );
}
