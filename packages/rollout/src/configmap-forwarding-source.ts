import { ApiException, CoreV1Api, type KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { ForwardingConflictError, type ForwardingSnapshot, type ForwardingSource } from './forwarding-source.js';

/** Which ConfigMap key holds the file. */
export interface ConfigMapLocation {
  namespace: string;
  name: string;
  key: string;
}

/**
 * `forwarded_repo.yaml` as a key of a ConfigMap. A write is a JSON merge patch carrying the
 * resourceVersion that was read: the API server refuses it with 409 Conflict when anyone wrote
 * the ConfigMap in between, so a concurrent edit is never overwritten.
 */
export function configMapForwardingSource(kubeConfig: KubeConfig, location: ConfigMapLocation): ForwardingSource {
  const api = kubeConfig.makeApiClient(CoreV1Api);
  const { namespace, name, key } = location;
  const description = `configmap ${namespace}/${name} key ${key}`;
  return {
    description,
    async read(): Promise<ForwardingSnapshot> {
      const configMap = await api.readNamespacedConfigMap({ name, namespace }).catch(explain(description));
      const text = configMap.data?.[key];
      if (text === undefined) throw new Error(`${description}: the ConfigMap has no key '${key}'`);
      return snapshot(text, configMap.metadata?.resourceVersion ?? '');
    },
    async write(text: string, version: string): Promise<ForwardingSnapshot> {
      const body = { metadata: { resourceVersion: version }, data: { [key]: text } };
      const options = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
      const patched = await api
        .patchNamespacedConfigMap({ name, namespace, body, fieldManager: 'labelbot-rollout' }, options)
        .catch((error: unknown) => {
          if (error instanceof ApiException && error.code === 409) {
            throw new ForwardingConflictError(description, `resourceVersion ${version} is stale`);
          }
          return explain(description)(error);
        });
      return snapshot(patched.data?.[key] ?? text, patched.metadata?.resourceVersion ?? '');
    },
  };
}

function snapshot(text: string, resourceVersion: string): ForwardingSnapshot {
  return { text, version: resourceVersion, revision: resourceVersion };
}

function explain(description: string) {
  return (error: unknown): never => {
    if (error instanceof ApiException) {
      const status = statusMessage(error.body);
      throw new Error(`${description}: the API server answered ${error.code}${status ? `: ${status}` : ''}`);
    }
    throw error;
  };
}

function statusMessage(body: unknown): string {
  try {
    const parsed = typeof body === 'string' ? (JSON.parse(body) as unknown) : body;
    return String((parsed as { message?: unknown } | null)?.message ?? '');
  } catch {
    return String(body);
  }
}
