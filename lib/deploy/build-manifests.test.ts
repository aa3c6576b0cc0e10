import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildDeployBundle, DNS1123_LABEL, portsFromExposed, toDns1123Label, type DeployInput } from './build-manifests';

// The fields of the Kubernetes objects the Deploy dialog emits, as the API server validates them.
const dnsLabel = z.string().max(63).regex(DNS1123_LABEL);
const ianaSvcName = z.string().max(15).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).regex(/[a-z]/);
const labels = z.record(z.string(), z.string());
const metadata = z.object({ name: dnsLabel, namespace: dnsLabel.optional(), labels: labels.optional() }).strict();
const port = z.number().int().min(1).max(65_535);
const protocol = z.enum(['TCP', 'UDP']);

const secretSchema = z
  .object({
    apiVersion: z.literal('v1'),
    kind: z.literal('Secret'),
    metadata,
    type: z.literal('kubernetes.io/dockerconfigjson'),
    data: z.object({ '.dockerconfigjson': z.string().regex(/^[A-Za-z0-9+/]+=*$/) }).strict(),
  })
  .strict();

const deploymentSchema = z
  .object({
    apiVersion: z.literal('apps/v1'),
    kind: z.literal('Deployment'),
    metadata,
    spec: z
      .object({
        replicas: z.number().int().min(0),
        selector: z.object({ matchLabels: labels }).strict(),
        template: z
          .object({
            metadata: z.object({ labels }).strict(),
            spec: z
              .object({
                imagePullSecrets: z.array(z.object({ name: dnsLabel }).strict()).min(1),
                containers: z
                  .array(
                    z
                      .object({
                        name: dnsLabel,
                        image: z.string().regex(/^[^@\s]+@sha256:[a-f0-9]{64}$/),
                        ports: z.array(z.object({ containerPort: port, protocol, name: ianaSvcName }).strict()).optional(),
                      })
                      .strict(),
                  )
                  .length(1),
              })
              .strict(),
          })
          .strict(),
      })
      .strict(),
  })
  .strict();

const serviceSchema = z
  .object({
    apiVersion: z.literal('v1'),
    kind: z.literal('Service'),
    metadata,
    spec: z
      .object({
        selector: labels,
        ports: z.array(z.object({ name: ianaSvcName, port, targetPort: z.union([port, ianaSvcName]), protocol }).strict()).min(1),
      })
      .strict(),
  })
  .strict();

const DIGEST = `sha256:${'ab12'.repeat(16)}`;
const base: DeployInput = {
  registry: 'registry.example.com:5000',
  repository: 'team/Tools/My_App.Server',
  digest: DIGEST,
  username: 'alice',
  secret: 'berth_pat_secret123',
  ports: [{ port: 8080, protocol: 'TCP' }],
};

function parse(yaml: string): unknown[] {
  const docs = parseAllDocuments(yaml);
  for (const d of docs) expect(d.errors).toEqual([]);
  return docs.map((d) => d.toJS());
}

describe('buildDeployBundle', () => {
  it('emits a Secret, a Deployment by digest and a Service that fit the Kubernetes schema', () => {
    const bundle = buildDeployBundle(base);
    const [secretDoc, deploymentDoc, serviceDoc, ...rest] = parse(bundle.yaml);
    expect(rest).toEqual([]);
    const secret = secretSchema.parse(secretDoc);
    const deployment = deploymentSchema.parse(deploymentDoc);
    const service = serviceSchema.parse(serviceDoc);

    expect(bundle.name).toBe('my-app-server');
    expect(deployment.metadata.name).toBe('my-app-server');
    expect(service.metadata.name).toBe('my-app-server');
    // The selector selects the pods the template makes, and the Service selects the same pods.
    expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
    expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    const container = deployment.spec.template.spec.containers[0]!;
    expect(container.image).toBe(`registry.example.com:5000/team/Tools/My_App.Server@${DIGEST}`);
    expect(deployment.spec.template.spec.imagePullSecrets).toEqual([{ name: secret.metadata.name }]);
    // The Service's named target port is one the container declares.
    expect(container.ports?.map((p) => p.name)).toContain(service.spec.ports[0]!.targetPort);
    expect(service.spec.ports[0]!.port).toBe(8080);

    const config = JSON.parse(Buffer.from(secret.data['.dockerconfigjson'], 'base64').toString('utf8')) as {
      auths: Record<string, { username: string; password: string; auth: string }>;
    };
    expect(Object.keys(config.auths)).toEqual(['registry.example.com:5000']);
    const entry = config.auths['registry.example.com:5000']!;
    expect(entry).toMatchObject({ username: 'alice', password: 'berth_pat_secret123' });
    expect(Buffer.from(entry.auth, 'base64').toString('utf8')).toBe('alice:berth_pat_secret123');
  });

  it('gives the commands that apply the file and run the same digest', () => {
    const bundle = buildDeployBundle(base);
    expect(bundle.kubectlApply).toBe('kubectl apply -f my-app-server.yaml');
    expect(bundle.dockerRun).toBe(`docker run --rm -p 8080:8080 registry.example.com:5000/team/Tools/My_App.Server@${DIGEST}`);
    expect(bundle.podmanRun).toBe(`podman run --rm -p 8080:8080 registry.example.com:5000/team/Tools/My_App.Server@${DIGEST}`);
  });

  it('names several ports distinctly and leaves the Service out when the image exposes none', () => {
    const several = parse(buildDeployBundle({ ...base, ports: portsFromExposed(['53/udp', '53/tcp', '9090']) }).yaml);
    const service = serviceSchema.parse(several[2]);
    expect(service.spec.ports.map((p) => [p.name, p.port, p.protocol])).toEqual([
      ['u53', 53, 'UDP'],
      ['p53', 53, 'TCP'],
      ['p9090', 9090, 'TCP'],
    ]);
    const none = parse(buildDeployBundle({ ...base, ports: [] }).yaml);
    expect(none.map((d) => (d as { kind: string }).kind)).toEqual(['Secret', 'Deployment']);
    expect(deploymentSchema.parse(none[1]).spec.template.spec.containers[0]!.ports).toBeUndefined();
  });

  it('puts every object in the Kubernetes namespace asked for', () => {
    const docs = parse(buildDeployBundle({ ...base, namespace: 'prod' }).yaml) as Array<{ metadata: { namespace?: string } }>;
    expect(docs.map((d) => d.metadata.namespace)).toEqual(['prod', 'prod', 'prod']);
  });

  it('keeps names DNS-1123 labels whatever the repository is called', () => {
    const long = buildDeployBundle({ ...base, repository: `team/${'x'.repeat(70)}_` });
    expect(long.name).toMatch(DNS1123_LABEL);
    expect(long.name.length).toBeLessThanOrEqual(63);
    expect(long.secretName.length).toBeLessThanOrEqual(63);
    expect(long.secretName).toMatch(DNS1123_LABEL);
  });
});

describe('toDns1123Label', () => {
  it.each([
    ['nginx', 'nginx'],
    ['My_App', 'my-app'],
    ['__a..b__', 'a-b'],
    ['---', 'app'],
    ['9lives', '9lives'],
    [`${'a'.repeat(62)}-b`, 'a'.repeat(62)],
  ])('%s → %s', (input, out) => {
    expect(toDns1123Label(input)).toBe(out);
    expect(out).toMatch(DNS1123_LABEL);
  });
});

describe('portsFromExposed', () => {
  it('reads ExposedPorts keys and skips what Kubernetes cannot take here', () => {
    expect(portsFromExposed(['80/tcp', '80/tcp', '53/UDP', '8080', '0/tcp', '70000/tcp', '132/sctp', 'http'])).toEqual([
      { port: 80, protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
      { port: 8080, protocol: 'TCP' },
    ]);
  });
});
