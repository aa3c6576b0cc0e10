import { stringify } from 'yaml';

// Kubernetes objects that run one image of this registry: a Deployment pinned to the image's digest (a tag may move;
// a digest never does), a Service in front of it, and the image pull secret the kubelet logs in with. Pure: the
// console's Deploy dialog renders it, and its unit test parses the YAML back and checks each object's shape.

const DNS1123_LABEL_MAX = 63;

/**
 * A DNS-1123 label (RFC 1123: lowercase letters, digits and "-", starting and ending with a letter or digit, at most
 * 63 characters) made from any text: Kubernetes names Deployments, Services and Secrets with these.
 */
export function toDns1123Label(text: string, fallback = 'app', max = DNS1123_LABEL_MAX): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, max)
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return cleaned || fallback;
}

export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export interface ContainerPort {
  port: number;
  protocol: 'TCP' | 'UDP';
}

/** Ports from an image config's ExposedPorts (`80/tcp`, `53/udp`, `8080`), valid and distinct, in order. */
export function portsFromExposed(exposed: readonly string[]): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const entry of exposed) {
    const m = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/i.exec(entry.trim());
    if (!m) continue;
    const port = Number(m[1]);
    const protocol = (m[2] ?? 'tcp').toLowerCase();
    if (port < 1 || port > 65_535 || protocol === 'sctp') continue;
    const p: ContainerPort = { port, protocol: protocol === 'udp' ? 'UDP' : 'TCP' };
    if (!out.some((o) => o.port === p.port && o.protocol === p.protocol)) out.push(p);
  }
  return out;
}

export interface DeployInput {
  /** Where clients reach the registry: `host[:port]`, as in `docker pull`. */
  registry: string;
  /** `namespace/repository`. */
  repository: string;
  /** The manifest digest (`sha256:…`) to run. */
  digest: string;
  /** Login for the pull secret: the token owner's username and the token's secret. */
  username: string;
  secret: string;
  ports: ContainerPort[];
  /** Kubernetes namespace for every object; omitted: the kubectl context's. */
  namespace?: string;
  replicas?: number;
}

export interface DeployBundle {
  /** Name of the Deployment and the Service (and their `app` label). */
  name: string;
  secretName: string;
  /** The image reference, by digest. */
  image: string;
  /** Deployment, Service (when there are ports) and Secret, as one multi-document YAML file. */
  yaml: string;
  fileName: string;
  kubectlApply: string;
  dockerRun: string;
  podmanRun: string;
}

/** The base64 `.dockerconfigjson` of a kubernetes.io/dockerconfigjson secret: `{"auths": {host: {username, password, auth}}}`. */
export function dockerConfigJson(registry: string, username: string, secret: string): string {
  const auth = base64(`${username}:${secret}`);
  return base64(JSON.stringify({ auths: { [registry]: { username, password: secret, auth } } }));
}

export function buildDeployBundle(input: DeployInput): DeployBundle {
  const repoLast = input.repository.slice(input.repository.lastIndexOf('/') + 1);
  const name = toDns1123Label(repoLast);
  // "-pull" must fit: the secret's name is a label of at most 63 characters as well.
  const secretName = `${toDns1123Label(repoLast, 'app', DNS1123_LABEL_MAX - 5)}-pull`;
  const image = `${input.registry}/${input.repository}@${input.digest}`;
  const labels = { app: name };
  const metadata = (n: string) => ({ name: n, ...(input.namespace ? { namespace: input.namespace } : {}), labels });

  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: metadata(secretName),
    type: 'kubernetes.io/dockerconfigjson',
    data: { '.dockerconfigjson': dockerConfigJson(input.registry, input.username, input.secret) },
  };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(name),
    spec: {
      replicas: input.replicas ?? 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          imagePullSecrets: [{ name: secretName }],
          containers: [
            {
              name,
              image,
              ...(input.ports.length
                ? { ports: input.ports.map((p) => ({ containerPort: p.port, protocol: p.protocol, name: portName(p, input.ports) })) }
                : {}),
            },
          ],
        },
      },
    },
  };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(name),
    spec: {
      selector: labels,
      ports: input.ports.map((p) => ({ name: portName(p, input.ports), port: p.port, targetPort: portName(p, input.ports), protocol: p.protocol })),
    },
  };
  // A Service must have at least one port; an image that exposes none gets none.
  const docs = input.ports.length ? [secret, deployment, service] : [secret, deployment];
  const yaml = docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
  const fileName = `${name}.yaml`;
  const publish = input.ports.map((p) => ` -p ${p.port}:${p.port}${p.protocol === 'UDP' ? '/udp' : ''}`).join('');
  return {
    name,
    secretName,
    image,
    yaml,
    fileName,
    kubectlApply: `kubectl apply -f ${fileName}`,
    dockerRun: `docker run --rm${publish} ${image}`,
    podmanRun: `podman run --rm${publish} ${image}`,
  };
}

/** IANA_SVC_NAME (at most 15 characters, a letter among them): `http`, or the port number spelled out when there are several. */
function portName(p: ContainerPort, all: ContainerPort[]): string {
  if (all.length === 1) return p.protocol === 'UDP' ? 'udp' : 'http';
  return `${p.protocol === 'UDP' ? 'u' : 'p'}${p.port}`;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}
