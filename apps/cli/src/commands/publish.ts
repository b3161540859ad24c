import { ModelBundleError } from '@labelbot/model';
import { PreconditionFailedError, StoreUnavailableError } from '@labelbot/store';
import { openStore } from '../publish/open-store.js';
import { parsePublishTarget } from '../publish/parse-publish-target.js';
import { PublishRefusedError, publishBundle } from '../publish/publish-bundle.js';
import { parseCommandArgs } from './parse-command-args.js';
import type { CommandIo } from './write-output.js';

const USAGE = `usage: labelbot publish --model DIR --to gs://bucket/prefix/owner/repo [--holdout FILE] [--margin 0.05] [--dry-run] [--force]

Uploads the bundle as a new version, checks it reads back with the right sha256, and moves LATEST
to it (compare-and-swap on LATEST's generation). Refuses when the new model is worse than the live
one on the held-out issues (DIR/holdout.jsonl, or --holdout) by more than --margin, unless --force.
`;

/** \`labelbot publish\`: publish a model bundle to the model store. */
export async function run(args: string[], io: CommandIo & { env?: NodeJS.ProcessEnv } = process): Promise<number> {
  const parsed = parseCommandArgs('publish', USAGE, io, {
    args,
    strict: true,
    options: {
      model: { type: 'string' },
      to: { type: 'string' },
      holdout: { type: 'string' },
      margin: { type: 'string' },
      'dry-run': { type: 'boolean' },
      force: { type: 'boolean' },
    },
  });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  // An empty --margin is no number (Number('') would make it 0: any worse model refused).
  const margin =
    values.margin === undefined ? undefined : values.margin.trim() === '' ? Number.NaN : Number(values.margin);
  if (typeof values.model !== 'string' || typeof values.to !== 'string' || (margin !== undefined && !(margin >= 0))) {
    io.stderr.write(`labelbot publish: --model and --to are required; --margin is a number >= 0\n${USAGE}`);
    return 2;
  }
  try {
    const { storeUrl, target } = parsePublishTarget(values.to);
    const result = await publishBundle({
      backend: openStore(storeUrl, io.env ?? {}),
      target,
      dir: values.model,
      ...(typeof values.holdout === 'string' ? { holdoutFile: values.holdout } : {}),
      ...(margin !== undefined ? { margin } : {}),
      dryRun: values['dry-run'] === true,
      force: values.force === true,
      notice: (message) => io.stderr.write(`labelbot publish: ${message}\n`),
    });
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    const known = [PublishRefusedError, ModelBundleError, PreconditionFailedError, StoreUnavailableError];
    if (!known.some((kind) => error instanceof kind) && !/^--to /.test((error as Error).message)) throw error;
    io.stderr.write(`labelbot publish: ${(error as Error).message}\n`);
    return 1;
  }
}
