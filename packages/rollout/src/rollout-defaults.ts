/** The ConfigMap that holds forwarded_repo.yaml (k8s/overlays/*: configMapGenerator `labelbot-forwarding`). */
export const DEFAULT_CONFIGMAP = 'labelbot-forwarding';
/** The ConfigMap key, which is also the file name inside the front's mount. */
export const DEFAULT_CONFIGMAP_KEY = 'forwarded_repo.yaml';
/** The Prometheus window over which observed precision is computed. */
export const DEFAULT_FEEDBACK_WINDOW = '7d';
/** The ramp's ladder, its minimum applied labels per path, and its precision margin. */
export const DEFAULT_RAMP_STEPS = '0.1,0.25,0.5,1';
export const DEFAULT_MIN_SAMPLES = 200;
export const DEFAULT_MARGIN = 0.02;
