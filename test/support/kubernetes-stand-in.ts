import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createLoopbackCertificate } from './kubernetes-stand-in-tls.js';

/** A request the stand-in received, as sent. */
export interface RecordedKubernetesRequest {
  method: string;
  path: string;
  contentType: string;
  authorization: string;
  body: unknown;
  status: number;
}

interface StoredConfigMap {
  metadata: { name: string; namespace: string; uid: string; resourceVersion: string; creationTimestamp: string };
  data: Record<string, string>;
}

const CONFIGMAP_PATH = /^\/api\/v1\/namespaces\/([a-z0-9-]+)\/configmaps\/([a-z0-9.-]+)$/;
const PATCH_TYPES = ['application/merge-patch+json', 'application/strategic-merge-patch+json'];

/**
 * A loopback stand-in for the Kubernetes API server's ConfigMap get and patch, over HTTPS with a
 * self-signed certificate for 127.0.0.1 (clients must trust it, as they trust a cluster CA): bearer-token auth,
 * JSON merge and strategic merge patches (the same for a ConfigMap's string map), a
 * resourceVersion bumped on every write, 409 Conflict with a `Status` body when a patch carries a
 * stale resourceVersion, 415 for patch types it does not implement. Every request is recorded.
 */
export async function startKubernetesStandIn(options: {
  token: string;
  configMaps: { namespace: string; name: string; data: Record<string, string> }[];
  /** The server's key and certificate; a self-signed pair made on first use by default. */
  tls?: { key: string; cert: string };
  /** Runs when a PATCH arrives, before it is applied: a test makes a concurrent edit here. */
  beforePatch?: () => void;
}) {
  let revision = 100;
  const store = new Map<string, StoredConfigMap>();
  for (const { namespace, name, data } of options.configMaps) {
    revision += 1;
    const metadata = {
      name,
      namespace,
      uid: `uid-${name}`,
      resourceVersion: String(revision),
      creationTimestamp: '2026-01-01T00:00:00Z',
    };
    store.set(`${namespace}/${name}`, { metadata, data: { ...data } });
  }
  const requests: RecordedKubernetesRequest[] = [];

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const record: RecordedKubernetesRequest = {
      method: request.method ?? '',
      path: url.pathname,
      contentType: request.headers['content-type'] ?? '',
      authorization: request.headers.authorization ?? '',
      body: raw ? safeJson(raw) : undefined,
      status: 0,
    };
    requests.push(record);
    const reply = (status: number, body: unknown) => {
      record.status = status;
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const fail = (status: number, reason: string, message: string) =>
      reply(status, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message,
        reason,
        code: status,
      });

    if (record.authorization !== `Bearer ${options.token}`) return fail(401, 'Unauthorized', 'Unauthorized');
    const match = CONFIGMAP_PATH.exec(url.pathname);
    const stored = match ? store.get(`${match[1]}/${match[2]}`) : undefined;
    if (!match || !stored) return fail(404, 'NotFound', `configmaps "${match?.[2] ?? url.pathname}" not found`);
    const view = () => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { ...stored.metadata },
      data: { ...stored.data },
    });
    if (request.method === 'GET') return reply(200, view());
    if (request.method === 'PATCH') options.beforePatch?.();
    if (request.method !== 'PATCH') return fail(405, 'MethodNotAllowed', `${request.method} is not supported here`);
    if (!PATCH_TYPES.includes(record.contentType)) {
      return fail(
        415,
        'UnsupportedMediaType',
        `the stand-in does not implement ${record.contentType || 'this'} patches`,
      );
    }
    const patch = record.body as { metadata?: Record<string, unknown>; data?: Record<string, unknown> } | undefined;
    if (!patch || typeof patch !== 'object') return fail(400, 'BadRequest', 'the patch body is not a JSON object');
    const { resourceVersion, ...otherMetadata } = patch.metadata ?? {};
    if (Object.keys(otherMetadata).length > 0)
      return fail(422, 'Invalid', 'the stand-in only accepts metadata.resourceVersion');
    if (resourceVersion !== undefined && resourceVersion !== stored.metadata.resourceVersion) {
      return fail(
        409,
        'Conflict',
        `Operation cannot be fulfilled on configmaps "${stored.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    const data = { ...stored.data };
    for (const [key, value] of Object.entries(patch.data ?? {})) {
      if (value === null) delete data[key];
      else if (typeof value === 'string') data[key] = value;
      else return fail(400, 'BadRequest', `data.${key}: must be a string`);
    }
    revision += 1;
    stored.data = data;
    stored.metadata.resourceVersion = String(revision);
    return reply(200, view());
  };

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => response.writeHead(500).end(String(error)));
  };
  const tls = options.tls ?? freshCertificate();
  const server = createServer(tls, listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `https://127.0.0.1:${port}`,
    /** The certificate to trust (the in-cluster `ca.crt`). */
    certificate: tls.cert,
    port,
    requests,
    /** The ConfigMap as stored now. */
    configMap: (namespace: string, name: string) => store.get(`${namespace}/${name}`),
    /** Someone else writes the ConfigMap (e.g. `kubectl edit`): its resourceVersion moves on. */
    editConfigMap(namespace: string, name: string, data: Record<string, string>): void {
      const stored = store.get(`${namespace}/${name}`);
      if (!stored) throw new Error(`no configmap ${namespace}/${name}`);
      revision += 1;
      stored.data = { ...stored.data, ...data };
      stored.metadata.resourceVersion = String(revision);
    },
    /** Writes a kubeconfig whose contexts reach this server; the first context is the current one. */
    writeKubeconfig(dir: string, contexts: { name: string; namespace?: string; token?: string }[]): string {
      const path = join(dir, 'kubeconfig.yaml');
      const cluster = { server: this.url, 'certificate-authority-data': Buffer.from(tls.cert).toString('base64') };
      writeFileSync(
        path,
        stringify({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [{ name: 'stand-in', cluster }],
          users: contexts.map((context) => ({
            name: `${context.name}-user`,
            user: { token: context.token ?? options.token },
          })),
          contexts: contexts.map((context) => ({
            name: context.name,
            context: {
              cluster: 'stand-in',
              user: `${context.name}-user`,
              ...(context.namespace ? { namespace: context.namespace } : {}),
            },
          })),
          'current-context': contexts[0]?.name ?? '',
        }),
      );
      return path;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type KubernetesStandIn = Awaited<ReturnType<typeof startKubernetesStandIn>>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

// One key pair per test process: RSA generation is the slowest part of starting a stand-in.
let cached: { key: string; cert: string } | undefined;

function freshCertificate(): { key: string; cert: string } {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'labelbot-kube-tls-'));
  try {
    cached = createLoopbackCertificate(dir);
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
