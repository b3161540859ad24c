import { parseArgs } from 'node:util';
import { lookupProbability, parseForwardingConfig } from '@labelbot/rollout';
import {
  applyForwardingChange,
  DEFAULT_CONFIGMAP,
  DEFAULT_CONFIGMAP_KEY,
  DEFAULT_FEEDBACK_WINDOW,
  DEFAULT_MARGIN,
  DEFAULT_MIN_SAMPLES,
  DEFAULT_RAMP_STEPS,
  decideRamp,
  type ForwardingSource,
  formatFeedbackTable,
  formatForwardingChange,
  openForwardingSource,
  parseProbability,
  parseRolloutTarget,
  parseSteps,
  queryObservedFeedback,
} from '@labelbot/rollout/operations';

const USAGE = `usage: labelbot rollout show [--prometheus URL] [--window ${DEFAULT_FEEDBACK_WINDOW}] [--by-model]
       labelbot rollout set TARGET PROBABILITY [--dry-run]
       labelbot rollout ramp owner/name --prometheus URL [--steps ${DEFAULT_RAMP_STEPS}] [--min-samples ${DEFAULT_MIN_SAMPLES}]
                             [--margin ${DEFAULT_MARGIN}] [--window ${DEFAULT_FEEDBACK_WINDOW}] [--model owner/name@VERSION]
                             [--start] [--dry-run]
Precision is summed over model versions; --by-model adds a row per model version, and --model
judges the forwarded path on that model version's samples only.
TARGET is an org login or owner/name. Where the file lives (default: the cluster's ConfigMap):
  --file PATH                     a local forwarded_repo.yaml (comments are kept)
  --kubeconfig PATH --context C   kubeconfig (default: KUBECONFIG, ~/.kube/config, in-cluster)
  --in-cluster                    the pod's service account
  --namespace N (default: the context's)  --configmap ${DEFAULT_CONFIGMAP}  --key ${DEFAULT_CONFIGMAP_KEY}
`;

const OPTIONS = {
  file: { type: 'string' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  'in-cluster': { type: 'boolean' },
  namespace: { type: 'string' },
  configmap: { type: 'string', default: DEFAULT_CONFIGMAP },
  key: { type: 'string', default: DEFAULT_CONFIGMAP_KEY },
  prometheus: { type: 'string' },
  window: { type: 'string', default: DEFAULT_FEEDBACK_WINDOW },
  'by-model': { type: 'boolean' },
  model: { type: 'string' },
  steps: { type: 'string', default: DEFAULT_RAMP_STEPS },
  'min-samples': { type: 'string', default: String(DEFAULT_MIN_SAMPLES) },
  margin: { type: 'string', default: String(DEFAULT_MARGIN) },
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
  return openForwardingSource({
    file: values.file,
    kubeconfig: values.kubeconfig,
    context: values.context,
    inCluster: values['in-cluster'],
    serviceAccountRoot: io.serviceAccountRoot,
    namespace: values.namespace,
    name: values.configmap,
    key: values.key,
  });
}

async function show(values: Values, io: RolloutIo): Promise<number> {
  const source = openSource(values, io);
  const snapshot = await source.read();
  const version = snapshot.revision ? ` (resourceVersion ${snapshot.revision})` : '';
  io.out(`# ${source.description}${version}\n${snapshot.text}${snapshot.text.endsWith('\n') ? '' : '\n'}`);
  // Shown first, then judged: an operator looking at a broken file needs to see it.
  parseForwardingConfig(snapshot.text, source.description);
  if (values.prometheus) {
    checkWindow(values.window);
    const feedback = await queryObservedFeedback({
      prometheusUrl: values.prometheus,
      window: values.window,
      byModel: values['by-model'] === true,
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
  io.out(formatForwardingChange(source.description, target, probability, change, values['dry-run']));
  return 0;
}

async function ramp(values: Values, targetText: string, io: RolloutIo): Promise<number> {
  const target = parseRolloutTarget(targetText);
  if (target.section !== 'repos')
    throw new Error('ramp works on one repository (owner/name): feedback is counted per repository');
  if (!values.prometheus) throw new Error('--prometheus URL is required: the ramp decides on observed precision');
  const steps = parseSteps(values.steps);
  checkWindow(values.window);
  const minSamples = Number(values['min-samples']);
  // An empty --margin is no number (Number('') would make it 0, not the default).
  const margin = values.margin.trim() === '' ? Number.NaN : Number(values.margin);
  if (!Number.isInteger(minSamples) || minSamples < 1) throw new Error('--min-samples must be a positive integer');
  if (!Number.isFinite(margin) || margin < 0 || margin > 1) throw new Error('--margin must be a number in [0, 1]');

  const source = openSource(values, io);
  const readAt = await source.read();
  // What the front applies to this repository: its own entry, else its org's (as routing looks it up).
  const [owner = '', name = ''] = target.name.split('/');
  const effective = lookupProbability(parseForwardingConfig(readAt.text, source.description), owner, name);
  const current = effective.probability;
  const feedback = await queryObservedFeedback({
    prometheusUrl: values.prometheus,
    window: values.window,
    byModel: values.model !== undefined,
    fetch: io.fetch,
  });
  const none = { applied: 0, removed: 0 };
  const observed = feedback.get(target.name.toLowerCase());
  const generic = observed?.generic ?? none;
  const forwarded = values.model
    ? (observed?.forwarded.models.get(values.model) ?? none)
    : (observed?.forwarded ?? none);
  const decision = decideRamp({ current, steps, forwarded, generic, minSamples, margin, start: values.start });
  const judged =
    (values.model ? ` [forwarded samples of ${values.model}]` : '') +
    (effective.matched === 'org' ? ` [p is the ${owner} org entry's; the step is written for ${target.name}]` : '');
  io.out(`${decision.action} ${target.name}: ${decision.from} -> ${decision.to} (${decision.reason})${judged}\n`);
  if (decision.action === 'hold') return 0;
  // Written against the read the decision was made on: an edit in between is refused, not overwritten.
  const change = await applyForwardingChange(source, target, decision.to, { dryRun: values['dry-run'], readAt });
  io.out(formatForwardingChange(source.description, target, decision.to, change, values['dry-run']));
  return 0;
}

function checkWindow(window: string): void {
  if (!/^\d+[smhdwy]$/.test(window))
    throw new Error(`--window '${window}' must be a PromQL duration such as 7d or 12h`);
}
