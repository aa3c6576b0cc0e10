'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { renderTags } from '@/lib/builds/tag-template';
import { buildKeys, createBuildRule, updateBuildRule } from '@/lib/client/builds-api';
import { errorMessage } from '@/lib/client/field-errors';
import { ApiError } from '@/lib/client/api-fetch';
import { createBuildRuleSchema, type BuildRuleDto } from '@/lib/schemas/builds';
import { Button } from '@/components/ui/button';
import { Field, fieldDescribedBy } from '@/components/ui/field';
import { Input, Select, Textarea } from '@/components/ui/input';

interface FormState {
  name: string;
  url: string;
  credentialsKind: 'keep' | 'none' | 'token' | 'ssh-key';
  token: string;
  privateKey: string;
  triggerKind: 'branch' | 'tag';
  pattern: string;
  dockerfileDir: string;
  dockerfileName: string;
  tagTemplate: string;
  buildArgs: string;
  noCache: boolean;
  enabled: boolean;
}

const SAMPLE_SHA = '3f9c2a1b7d4e8f60a1b2c3d4e5f60718293a4b5c';

function initialState(rule?: BuildRuleDto): FormState {
  return {
    name: rule?.name ?? '',
    url: rule?.source.url ?? '',
    credentialsKind: rule?.source.hasCredentials ? 'keep' : 'none',
    token: '',
    privateKey: '',
    triggerKind: rule?.trigger.kind ?? 'branch',
    pattern: rule?.trigger.pattern ?? 'main',
    dockerfileDir: rule?.dockerfileDir ?? '.',
    dockerfileName: rule?.dockerfileName ?? 'Dockerfile',
    tagTemplate: rule?.tagTemplate ?? '{branch}-{sha:7}',
    buildArgs: Object.entries(rule?.buildArgs ?? {}).map(([k, v]) => `${k}=${v}`).join('\n'),
    noCache: rule?.noCache ?? false,
    enabled: rule?.enabled ?? true,
  };
}

/** `KEY=value` lines into build arguments; a line without `=` is reported under its key so the schema names it. */
function parseArgs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const i = line.indexOf('=');
    if (i < 0) out[`${line} (missing =)`] = '';
    else out[line.slice(0, i).trim()] = line.slice(i + 1);
  }
  return out;
}

function toInput(s: FormState) {
  const credentials =
    s.credentialsKind === 'token' ? { kind: 'token' as const, token: s.token } : s.credentialsKind === 'ssh-key' ? { kind: 'ssh-key' as const, privateKey: s.privateKey } : undefined;
  return {
    name: s.name,
    source: { url: s.url, ...(credentials ? { credentials } : {}) },
    trigger: { kind: s.triggerKind, pattern: s.pattern },
    dockerfileDir: s.dockerfileDir,
    dockerfileName: s.dockerfileName,
    tagTemplate: s.tagTemplate,
    buildArgs: parseArgs(s.buildArgs),
    noCache: s.noCache,
    enabled: s.enabled,
  };
}

const FIELD_OF: Record<string, string> = {
  'source.url': 'url',
  'source.credentials.token': 'token',
  'source.credentials.privateKey': 'privateKey',
  'trigger.pattern': 'pattern',
};

/** Creates or edits a rule; validated as typed with the API's own schema, the tag template previewed. */
export function BuildRuleForm({ repository, rule, onDone }: { repository: string; rule?: BuildRuleDto; onDone: (saved: BuildRuleDto) => void }) {
  const [state, setState] = useState<FormState>(() => initialState(rule));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const queryClient = useQueryClient();
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setState((s) => ({ ...s, [key]: value }));
    setTouched((t) => new Set(t).add(key));
    setServerErrors({});
  };

  const input = toInput(state);
  const parsed = createBuildRuleSchema.safeParse(input);
  const errors: Record<string, string> = { ...serverErrors };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const key = FIELD_OF[path] ?? (path.startsWith('buildArgs') ? 'buildArgs' : String(issue.path[0]));
      errors[key] ??= path.startsWith('buildArgs.') ? `${String(issue.path[1])}: ${issue.message}` : issue.message;
    }
  }
  const shown = (key: string) => (submitted || touched.has(key) ? errors[key] : undefined);

  const preview = useMemo(() => {
    const sample = state.triggerKind === 'branch' ? { branch: sampleName(state.pattern, 'main'), tag: null } : { tag: sampleName(state.pattern, 'v1.0.0'), branch: null };
    const r = renderTags(state.tagTemplate, { ...sample, sha: SAMPLE_SHA, date: new Date() });
    return { sample: sample.branch ?? sample.tag ?? '', result: r };
  }, [state.tagTemplate, state.triggerKind, state.pattern]);

  const save = useMutation({
    mutationFn: async () => {
      if (!parsed.success) throw new Error('fix the fields marked');
      if (!rule) return createBuildRule(repository, parsed.data);
      const { source, ...rest } = parsed.data;
      const credentials = state.credentialsKind === 'keep' ? undefined : state.credentialsKind === 'none' ? null : source.credentials;
      return updateBuildRule(repository, rule.id, { ...rest, webhookSecret: undefined, source: { url: source.url, credentials } });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: buildKeys.rules(repository) });
      onDone(saved);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.fields.length) {
        const out: Record<string, string> = {};
        for (const f of err.fields) out[FIELD_OF[f.path] ?? f.path.split('.')[0]!] ??= f.message;
        setServerErrors(out);
      }
    },
  });

  const id = (k: string) => `build-rule-${k}`;
  const control = (k: string) => ({ id: id(k), 'aria-invalid': shown(k) ? true : undefined, 'aria-describedby': fieldDescribedBy(id(k), { error: !!shown(k) }) });
  return (
    <form
      noValidate
      aria-label={rule ? `Edit build rule ${rule.name}` : 'New build rule'}
      className="grid max-w-3xl gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (parsed.success) save.mutate();
      }}
    >
      <Field id={id('name')} label="Name" error={shown('name')}>
        <Input {...control('name')} value={state.name} onChange={(e) => set('name', e.target.value)} />
      </Field>
      <Field id={id('url')} label="Git repository URL" error={shown('url')} className="sm:col-span-2">
        <Input {...control('url')} value={state.url} placeholder="https://git.example.com/team/app.git" onChange={(e) => set('url', e.target.value)} />
      </Field>
      <Field id={id('credentialsKind')} label="Credentials">
        <Select {...control('credentialsKind')} value={state.credentialsKind} onChange={(e) => set('credentialsKind', e.target.value as FormState['credentialsKind'])}>
          {rule?.source.hasCredentials ? <option value="keep">Keep the stored {rule.source.credentialsKind}</option> : null}
          <option value="none">None (public source)</option>
          <option value="token">Access token (HTTPS)</option>
          <option value="ssh-key">SSH private key</option>
        </Select>
      </Field>
      {state.credentialsKind === 'token' ? (
        <Field id={id('token')} label="Token" error={shown('token')}>
          <Input {...control('token')} type="password" autoComplete="off" value={state.token} onChange={(e) => set('token', e.target.value)} />
        </Field>
      ) : state.credentialsKind === 'ssh-key' ? (
        <Field id={id('privateKey')} label="Private key" error={shown('privateKey')} className="sm:col-span-2">
          <Textarea {...control('privateKey')} rows={4} value={state.privateKey} onChange={(e) => set('privateKey', e.target.value)} />
        </Field>
      ) : (
        <div />
      )}
      <Field id={id('triggerKind')} label="Build on pushes to a">
        <Select {...control('triggerKind')} value={state.triggerKind} onChange={(e) => set('triggerKind', e.target.value as 'branch' | 'tag')}>
          <option value="branch">Branch</option>
          <option value="tag">Tag</option>
        </Select>
      </Field>
      <Field id={id('pattern')} label="Name or RE2 pattern (whole name)" error={shown('pattern')}>
        <Input {...control('pattern')} value={state.pattern} onChange={(e) => set('pattern', e.target.value)} />
      </Field>
      <Field id={id('dockerfileDir')} label="Dockerfile directory (build context)" error={shown('dockerfileDir')}>
        <Input {...control('dockerfileDir')} value={state.dockerfileDir} onChange={(e) => set('dockerfileDir', e.target.value)} />
      </Field>
      <Field id={id('dockerfileName')} label="Dockerfile name" error={shown('dockerfileName')}>
        <Input {...control('dockerfileName')} value={state.dockerfileName} onChange={(e) => set('dockerfileName', e.target.value)} />
      </Field>
      <Field
        id={id('tagTemplate')}
        label="Image tags"
        error={shown('tagTemplate')}
        className="sm:col-span-2"
        hint={
          <span data-testid="tag-preview">
            {preview.result.ok
              ? `For ${state.triggerKind} ${preview.sample} at ${SAMPLE_SHA.slice(0, 7)}: ${preview.result.tags.join(', ')}`
              : `Preview: ${preview.result.message}`}
            {' · '}placeholders {'{branch} {tag} {sha} {sha:7} {date}'}; several tags separated by commas
          </span>
        }
      >
        <Input {...control('tagTemplate')} value={state.tagTemplate} onChange={(e) => set('tagTemplate', e.target.value)} />
      </Field>
      <Field id={id('buildArgs')} label="Build arguments (KEY=value per line)" error={shown('buildArgs')} className="sm:col-span-2">
        <Textarea {...control('buildArgs')} rows={2} value={state.buildArgs} onChange={(e) => set('buildArgs', e.target.value)} />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={state.noCache} onChange={(e) => set('noCache', e.target.checked)} /> Build without cache
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={state.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Enabled
      </label>
      {save.isError && !(save.error instanceof ApiError && save.error.fields.length) ? (
        <p role="alert" className="text-sm text-red-600 sm:col-span-2">
          {errorMessage(save.error)}
        </p>
      ) : null}
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" variant="primary" pending={save.isPending}>
          {rule ? 'Save rule' : 'Create rule'}
        </Button>
      </div>
    </form>
  );
}

/** A sample ref name for the preview: the pattern itself when it is a plain name, else a typical one. */
function sampleName(pattern: string, fallback: string): string {
  return /^[A-Za-z0-9._/-]+$/.test(pattern) && !/[.][*+?]/.test(pattern) ? pattern : fallback;
}
