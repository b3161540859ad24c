import { parseArgs } from 'node:util';
import { parseForwardingConfig } from '@labelbot/rollout';
import {
  applyForwardingChange,
  configMapForwardingSource,
  decideRamp,
  entryOf,
  type ForwardingChange,
  type ForwardingSource,
  fileForwardingSource,
  formatFeedbackTable,
  loadKubeConfig,
  parseProbability,
  parseRolloutTarget,
  parseSteps,
  queryObservedFeedback,
  resolveNamespace,
} from '@labelbot/rollout/operations';

const USAGE = `usage: labelbot rollout show [--prometheus URL] [--window 7d]
       labelbot rollout set TARGET PROBABILITY [--dry-run]
       labelbot rollout ramp owner/name --prometheus URL [--steps 0.1,0.25,0.5,1] [--min-samples 200]
                             [--margin 0.02] [--window 7d] [--start] [--dry-run]
TARGET is an org login or owner/name. Where the file lives (default: the cluster's ConfigMap):
  --file PATH                     a local forwarded_repo.yaml (comments are kept)
  --kubeconfig PATH --context C   kubeconfig (default: KUBECONFIG, ~/.kube/config, in-cluster)
  --in-cluster                    the pod's service account
  --namespace N (default: the context's)  --configmap labelbot-forwarding  --key forwarded_repo.yaml
`;

const OPTIONS = {
  file: { type: 'string' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  'in-cluster': { type: 'boolean' },
  namespace: { type: 'string' },
  configmap: { type: 'string', default: 'labelbot-forwarding' },
  key: { type: 'string', default: 'forwarded_repo.yaml' },
  prometheus: { type: 'string' },
  window: { type: 'string', default: '7d' },
  steps: { type: 'string', default: '0.1,0.25,0.5,1' },
  'min-samples': { type: 'string', default: '200' },
  margin: { type: 'string', default: '0.02' },
  start: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** Where output goes and how Prometheus is reached; tests pass their own. */
export interface RolloutIo {
  out: (text: string) => void;
  err: (text: string) => void;
  fetch?: typeof fetch;
  /** Prefix of the in-cluster service account paths (tests point it at a temp dir). */
  serviceAccountRoot?: string;
}

const processIo: RolloutIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** `labelbot rollout show|set|ramp`. */
export async function run(args: string[]): Promise<number> {
  return runRollout(args, processIo);
}

/** The command with its output and fetch injected. */
export async function runRollout(args: string[], io: RolloutIo): Promise<number> {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    io.err(`labelbot rollout: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [action, ...rest] = positionals;
  if (values.help || !action) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }
  try {
    if (action === 'show' && rest.length === 0) return await show(values, io);
    if (action === 'set' && rest.length === 2) return await set(values, rest[0] ?? '', rest[1] ?? '', io);
    if (action === 'ramp' && rest.length === 1) return await ramp(values, rest[0] ?? '', io);
  } catch (error) {
    io.err(`labelbot rollout ${action}: ${(error as Error).message}\n`);
    return 1;
  }
  io.err(`labelbot rollout: unexpected arguments '${positionals.join(' ')}'\n\n${USAGE}`);
  return 2;
}

function openSource(values: Values, io: RolloutIo): ForwardingSource {
  if (values.file) return fileForwardingSource(values.file);
  const kubeConfig = loadKubeConfig({
    kubeconfig: values.kubeconfig,
    context: values.context,
    inCluster: values['in-cluster'],
    serviceAccountRoot: io.serviceAccountRoot,
  });
  const location = {
    namespace: resolveNamespace(kubeConfig, values.namespace),
    name: values.configmap,
    key: values.key,
  };
  return configMapForwardingSource(kubeConfig, location);
}

async function show(values: Values, io: RolloutIo): Promise<number> {
  const source = openSource(values, io);
  const snapshot = await source.read();
  parseForwardingConfig(snapshot.text, source.description);
  const version = values.file ? '' : ` (resourceVersion ${snapshot.version})`;
  io.out(`# ${source.description}${version}\n${snapshot.text}${snapshot.text.endsWith('\n') ? '' : '\n'}`);
  if (values.prometheus) {
    const feedback = await queryObservedFeedback({
      prometheusUrl: values.prometheus,
      window: values.window,
      fetch: io.fetch,
    });
    io.out(`\nobserved precision, (applied - removed) / applied, over ${values.window}:\n`);
    io.out(feedback.size > 0 ? `${formatFeedbackTable(feedback).join('\n')}\n` : '(no labels applied in the window)\n');
  }
  return 0;
}

async function set(values: Values, targetText: string, probabilityText: string, io: RolloutIo): Promise<number> {
  const target = parseRolloutTarget(targetText);
  const probability = parseProbability(probabilityText);
  const source = openSource(values, io);
  const change = await applyForwardingChange(source, target, probability, { dryRun: values['dry-run'] });
  report(io, source, `${target.section}.${target.name}`, probability, change, values['dry-run']);
  return 0;
}

async function ramp(values: Values, targetText: string, io: RolloutIo): Promise<number> {
  const target = parseRolloutTarget(targetText);
  if (target.section !== 'repos')
    throw new Error('ramp works on one repository (owner/name): feedback is counted per repository');
  if (!values.prometheus) throw new Error('--prometheus URL is required: the ramp decides on observed precision');
  const steps = parseSteps(values.steps);
  const minSamples = Number(values['min-samples']);
  const margin = Number(values.margin);
  if (!Number.isInteger(minSamples) || minSamples < 1) throw new Error('--min-samples must be a positive integer');
  if (!Number.isFinite(margin) || margin < 0 || margin > 1) throw new Error('--margin must be a number in [0, 1]');

  const source = openSource(values, io);
  const readAt = await source.read();
  const current = entryOf(parseForwardingConfig(readAt.text, source.description), target) ?? 0;
  const feedback = await queryObservedFeedback({
    prometheusUrl: values.prometheus,
    window: values.window,
    fetch: io.fetch,
  });
  const none = { applied: 0, removed: 0 };
  const observed = feedback.get(target.name.toLowerCase()) ?? { forwarded: none, generic: none };
  const decision = decideRamp({ current, steps, ...observed, minSamples, margin, start: values.start });
  io.out(`${decision.action} ${target.name}: ${decision.from} -> ${decision.to} (${decision.reason})\n`);
  if (decision.action === 'hold') return 0;
  // Written against the read the decision was made on: an edit in between is refused, not overwritten.
  const change = await applyForwardingChange(source, target, decision.to, { dryRun: values['dry-run'], readAt });
  report(io, source, `${target.section}.${target.name}`, decision.to, change, values['dry-run']);
  return 0;
}

function report(
  io: RolloutIo,
  source: ForwardingSource,
  entry: string,
  probability: number,
  change: ForwardingChange,
  dryRun = false,
): void {
  const from = change.previous === undefined ? '(none)' : String(change.previous);
  const versions =
    change.after && change.after.version !== change.after.text
      ? ` (resourceVersion ${change.before.version} -> ${change.after.version})`
      : '';
  const verb = change.diff.every((line) => line.startsWith('  ')) ? 'unchanged' : dryRun ? 'would set' : 'set';
  io.out(`${source.description}: ${verb} ${entry} ${from} -> ${probability}${versions}\n`);
  if (verb !== 'unchanged') io.out(`${change.diff.join('\n')}\n`);
}
