import { type TSchema, Type } from 'typebox';

// The fields of the custom resources we write, as their CRDs define them (kubernetes-models ships
// only the built-in kinds). Closed objects, so a misspelt field fails.
const closed = { additionalProperties: false } as const;
const Metadata = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' }),
    namespace: Type.Optional(Type.String()),
    labels: Type.Optional(Type.Record(Type.String(), Type.String())),
    annotations: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  closed,
);
const Selector = Type.Object({ matchLabels: Type.Record(Type.String(), Type.String()) }, closed);
const Duration = Type.String({ pattern: '^([0-9]+(ms|s|m|h))+$' });
const Endpoint = Type.Object(
  { port: Type.Union([Type.String(), Type.Integer()]), path: Type.String({ pattern: '^/' }), interval: Duration },
  closed,
);
const Rule = Type.Object(
  {
    alert: Type.Optional(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' })),
    record: Type.Optional(Type.String()),
    expr: Type.String({ minLength: 1 }),
    for: Type.Optional(Duration),
    labels: Type.Optional(Type.Record(Type.String(), Type.String())),
    annotations: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  closed,
);
const RuleGroups = Type.Object(
  {
    groups: Type.Array(
      Type.Object(
        { name: Type.String(), interval: Type.Optional(Duration), rules: Type.Array(Rule, { minItems: 1 }) },
        closed,
      ),
      { minItems: 1 },
    ),
  },
  closed,
);
const resource = (apiVersion: string, kind: string, spec: TSchema) =>
  Type.Object({ apiVersion: Type.Literal(apiVersion), kind: Type.Literal(kind), metadata: Metadata, spec }, closed);

/** Schemas by `apiVersion/kind`. */
export const CUSTOM_RESOURCE_SCHEMAS: Record<string, TSchema> = {
  'monitoring.googleapis.com/v1/PodMonitoring': resource(
    'monitoring.googleapis.com/v1',
    'PodMonitoring',
    Type.Object({ selector: Selector, endpoints: Type.Array(Endpoint, { minItems: 1 }) }, closed),
  ),
  'monitoring.coreos.com/v1/ServiceMonitor': resource(
    'monitoring.coreos.com/v1',
    'ServiceMonitor',
    Type.Object({ selector: Selector, endpoints: Type.Array(Endpoint, { minItems: 1 }) }, closed),
  ),
  'monitoring.googleapis.com/v1/Rules': resource('monitoring.googleapis.com/v1', 'Rules', RuleGroups),
  'monitoring.coreos.com/v1/PrometheusRule': resource('monitoring.coreos.com/v1', 'PrometheusRule', RuleGroups),
  'networking.gke.io/v1/ManagedCertificate': resource(
    'networking.gke.io/v1',
    'ManagedCertificate',
    Type.Object(
      { domains: Type.Array(Type.String({ pattern: '^[a-z0-9.-]+$' }), { minItems: 1, maxItems: 100 }) },
      closed,
    ),
  ),
};
