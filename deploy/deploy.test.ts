// The deployment files parse, name every object they refer to, probe the right endpoints, and configure Berth with
// settings its own configuration loader accepts. (No cluster or Docker daemon here: this is what can be checked.)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig } from '@/lib/config';

const here = import.meta.dirname;
type Obj = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; [k: string]: any };

describe('Kubernetes manifests', () => {
  const docs = parseAllDocuments(readFileSync(path.join(here, 'kubernetes/berth.yaml'), 'utf8'));
  const objects = docs.map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as Obj;
  });
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const one = (kind: string) => {
    expect(byKind(kind)).toHaveLength(1);
    return byKind(kind)[0]!;
  };

  it('holds well-formed objects of the kinds a deployment needs', () => {
    for (const o of objects) {
      expect(o.apiVersion).toMatch(/^(v1|apps\/v1|networking\.k8s\.io\/v1)$/);
      expect(o.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
    expect(objects.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'Ingress', 'Secret', 'Service']);
  });

  it('runs several non-root replicas probed on /healthz and /readyz, configured from the ConfigMap and Secret', () => {
    const deployment = one('Deployment');
    const { spec } = deployment;
    expect(spec.replicas).toBeGreaterThanOrEqual(2);
    expect(spec.template.metadata.labels).toMatchObject(spec.selector.matchLabels);
    expect(spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    const [container] = spec.template.spec.containers;
    const port = container.ports.find((p: { name: string }) => p.name === 'http');
    expect(port.containerPort).toBe(3000);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    const refs = container.envFrom.map((e: { configMapRef?: { name: string }; secretRef?: { name: string } }) => e.configMapRef?.name ?? e.secretRef?.name);
    expect(refs.sort()).toEqual([one('ConfigMap').metadata.name, one('Secret').metadata.name].sort());
  });

  it('gives Berth a configuration it accepts: external Postgres, S3, encryption, a public https URL', () => {
    const env = { ...one('ConfigMap').data, ...one('Secret').stringData } as Record<string, string>;
    const config = loadConfig(env);
    expect(config.databaseUrl).toMatch(/^postgresql:\/\//);
    expect(config.storage.driver).toBe('s3');
    expect(config.publicUrl).toMatch(/^https:\/\//);
    expect(config.encryptionKeys).toBeDefined();
    expect(env.NEXTAUTH_SECRET).toBeDefined();
  });

  it('routes the Ingress, with TLS, to the Service, and the Service to the pods', () => {
    const service = one('Service');
    const ingress = one('Ingress');
    const podLabels = one('Deployment').spec.template.metadata.labels;
    expect(podLabels).toMatchObject(service.spec.selector);
    expect(service.spec.ports[0].targetPort).toBe('http');
    const [rule] = ingress.spec.rules;
    expect(ingress.spec.tls[0].hosts).toContain(rule.host);
    expect(ingress.spec.tls[0].secretName).toBeTruthy();
    const backend = rule.http.paths[0].backend.service;
    expect(backend.name).toBe(service.metadata.name);
    expect(service.spec.ports.map((p: { name: string }) => p.name)).toContain(backend.port.name);
    expect(new URL(one('ConfigMap').data.BERTH_PUBLIC_URL).host).toBe(rule.host);
  });
});

describe('compose file', () => {
  const compose = parse(readFileSync(path.join(here, 'compose/compose.yaml'), 'utf8'));

  it('runs two Berth instances, Postgres, an S3 server and a TLS proxy', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['berth1', 'berth2', 'bucket', 'minio', 'postgres', 'proxy']);
    expect(compose.services.proxy.volumes[0]).toContain('Caddyfile');
    const caddy = readFileSync(path.join(here, 'compose/Caddyfile'), 'utf8');
    expect(caddy).toContain('reverse_proxy berth1:3000 berth2:3000');
  });

  it('configures both instances alike, with settings Berth accepts', () => {
    expect(compose.services.berth1.environment).toEqual(compose.services.berth2.environment);
    const env = Object.fromEntries(
      Object.entries(compose.services.berth1.environment as Record<string, string>).map(([k, v]) => [k, v.replace(/\$\{[A-Z_]+:-([^}]*)\}/, '$1')]),
    );
    const config = loadConfig(env);
    expect(config.storage).toMatchObject({ driver: 's3', s3: { bucket: 'berth', endpoint: 'http://minio:9000', forcePathStyle: true } });
    expect(config.databaseUrl).toContain('@postgres:5432/');
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(path.join(here, '..', 'Dockerfile'), 'utf8');

  it('builds in stages, compiles the console at build time, and runs as a non-root user', () => {
    expect(text.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^FROM .* AS build$/m);
    expect(text).toMatch(/^RUN npm run build$/m);
    const final = text.slice(text.lastIndexOf('\nFROM '));
    expect(final).toMatch(/^USER (?!root)\w+$/m);
    expect(final).toMatch(/^CMD \[.*server\.ts"\]$/m);
  });
});
