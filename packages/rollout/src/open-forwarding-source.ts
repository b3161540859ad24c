import { type ConfigMapLocation, configMapForwardingSource } from './configmap-forwarding-source.js';
import { fileForwardingSource } from './file-forwarding-source.js';
import type { ForwardingSource } from './forwarding-source.js';
import { type KubeConnectOptions, loadKubeConfig, resolveNamespace } from './load-kube-config.js';
import { DEFAULT_CONFIGMAP, DEFAULT_CONFIGMAP_KEY } from './rollout-defaults.js';

/** Where `labelbot rollout` finds the file: `file`, or else a ConfigMap reached through a kubeconfig. */
export interface OpenForwardingSourceOptions extends KubeConnectOptions, Partial<ConfigMapLocation> {
  file?: string;
}

/** A local file when `file` is set; otherwise the ConfigMap key in the cluster the options select. */
export function openForwardingSource(options: OpenForwardingSourceOptions): ForwardingSource {
  if (options.file) return fileForwardingSource(options.file);
  const kubeConfig = loadKubeConfig(options);
  return configMapForwardingSource(kubeConfig, {
    namespace: resolveNamespace(kubeConfig, options.namespace),
    name: options.name ?? DEFAULT_CONFIGMAP,
    key: options.key ?? DEFAULT_CONFIGMAP_KEY,
  });
}
