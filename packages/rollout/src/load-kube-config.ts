import { KubeConfig } from '@kubernetes/client-node';

/** How to reach the cluster. */
export interface KubeConnectOptions {
  /** A kubeconfig file; default: `KUBECONFIG`, then `~/.kube/config`, then the in-cluster service account. */
  kubeconfig?: string;
  /** A context of the kubeconfig; default: its current context. */
  context?: string;
  /** Use the pod's service account (`KUBERNETES_SERVICE_HOST`, /var/run/secrets/kubernetes.io/serviceaccount). */
  inCluster?: boolean;
  /** Prefix of the service account files' paths (default: none, i.e. the pod's real mount). */
  serviceAccountRoot?: string;
}

/** Loads a KubeConfig the way kubectl would, with an error that lists the contexts when one is unknown. */
export function loadKubeConfig(options: KubeConnectOptions): KubeConfig {
  const config = new KubeConfig();
  if (options.inCluster) {
    if (!process.env.KUBERNETES_SERVICE_HOST) {
      throw new Error('--in-cluster: KUBERNETES_SERVICE_HOST is not set; this is not running in a pod');
    }
    config.loadFromCluster(options.serviceAccountRoot);
  } else if (options.kubeconfig) {
    config.loadFromFile(options.kubeconfig);
  } else {
    config.loadFromDefault();
  }
  if (options.context) {
    if (!config.getContextObject(options.context)) {
      const known = config.getContexts().map((context) => context.name);
      throw new Error(`no context '${options.context}' in the kubeconfig (contexts: ${known.join(', ') || 'none'})`);
    }
    config.setCurrentContext(options.context);
  }
  // With no kubeconfig and no service account, loadFromDefault invents an http://localhost:8080
  // cluster that only fails later with a TLS complaint; say what is missing instead.
  const cluster = config.getCurrentCluster();
  if (!cluster || (cluster.name === 'cluster' && cluster.server === 'http://localhost:8080')) {
    throw new Error('no cluster configured: pass --kubeconfig/--context, set KUBECONFIG, run in a pod, or use --file');
  }
  return config;
}

/** The namespace to use: the flag, else the context's own namespace, else `default`. */
export function resolveNamespace(config: KubeConfig, namespace?: string): string {
  if (namespace) return namespace;
  return config.getContextObject(config.getCurrentContext())?.namespace ?? 'default';
}
