/** A command: takes the arguments after its name, returns the process exit code. */
export type Command = (args: string[]) => Promise<number>;

/** One file per command under ./commands; loaded lazily so `labelbot predict` does not load Fastify. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  dev: { summary: 'front + worker in one process (what `npm start` runs)', load: () => import('./commands/dev.js') },
  front: { summary: 'the webhook service alone', load: () => import('./commands/front.js') },
  worker: { summary: 'the Pub/Sub worker alone', load: () => import('./commands/worker.js') },
  train: { summary: 'train a model bundle from JSONL datasets', load: () => import('./commands/train.js') },
  evaluate: { summary: 'evaluate a model on a JSONL dataset', load: () => import('./commands/evaluate.js') },
  predict: { summary: 'predict labels for a JSONL dataset', load: () => import('./commands/predict.js') },
  dataset: { summary: 'dataset build --repo owner/name --out FILE', load: () => import('./commands/dataset.js') },
  publish: { summary: 'publish a model bundle to the model store', load: () => import('./commands/publish.js') },
  models: { summary: 'models list|rollback owner/repo', load: () => import('./commands/models.js') },
  rollout: { summary: 'rollout show|set|ramp', load: () => import('./commands/rollout.js') },
  replay: { summary: 'sign and send a webhook payload', load: () => import('./commands/replay.js') },
  pubsub: {
    summary: 'pubsub setup: topic, subscription, dead-letter topic',
    load: () => import('./commands/pubsub.js'),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`);
  return `usage: labelbot <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

/** Entry point of the `labelbot` binary. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`labelbot: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const { run } = await command.load();
  return run(rest);
}
