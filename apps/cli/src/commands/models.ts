import { tmpdir } from 'node:os';
import { ModelBundleError } from '@labelbot/model';
import { StoreUnavailableError } from '@labelbot/store';
import { describeVersions } from '../publish/describe-versions.js';
import { openStore } from '../publish/open-store.js';
import { parseRepoTarget } from '../publish/parse-publish-target.js';
import { PublishRefusedError } from '../publish/publish-bundle.js';
import { rollbackLatest } from '../publish/rollback-latest.js';
import { retrainAll } from '../retrain/retrain-all.js';
import { parseCommandArgs } from './parse-command-args.js';
import type { CommandIo } from './write-output.js';

const USAGE = `usage: labelbot models list owner/repo [--store URL] [--json]
       labelbot models rollback owner/repo [--to VERSION] [--store URL]
       labelbot models retrain --config retrain.yaml [--work DIR] [--store URL]

retrain runs dataset build → train → publish for every repository of the config (what the
retrain CronJob runs); a repository whose new model is worse than the live one keeps its LATEST.

The store is --store or MODEL_STORE_URL (gs://bucket/prefix or file:///dir).
`;

/** \`labelbot models list|rollback\`: the versions of a repository's model, and moving LATEST back. */
export async function run(args: string[], io: CommandIo & { env?: NodeJS.ProcessEnv } = process): Promise<number> {
  const env = io.env ?? {};
  const parsed = parseCommandArgs('models', USAGE, io, {
    args,
    strict: true,
    allowPositionals: true,
    options: {
      store: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean' },
      config: { type: 'string' },
      work: { type: 'string' },
    },
  });
  if (typeof parsed === 'number') return parsed;
  const [sub, repo] = parsed.positionals;
  const store = (parsed.values.store as string | undefined) ?? env.MODEL_STORE_URL;
  if (sub === 'retrain' && store && typeof parsed.values.config === 'string') {
    return retrainAll(parsed.values.config, store, (parsed.values.work as string | undefined) ?? tmpdir(), {
      ...io,
      env,
    });
  }
  if ((sub !== 'list' && sub !== 'rollback') || !repo || !store) {
    io.stderr.write(
      `labelbot models: ${store ? 'expected list|rollback owner/repo' : 'set --store or MODEL_STORE_URL'}\n${USAGE}`,
    );
    return 2;
  }
  try {
    const backend = openStore(store, env);
    const target = parseRepoTarget(repo);
    if (sub === 'rollback') {
      const moved = await rollbackLatest(backend, target, parsed.values.to as string | undefined, (message) =>
        io.stderr.write(`labelbot models: ${message}\n`),
      );
      io.stdout.write(`${JSON.stringify(moved)}\n`);
      return 0;
    }
    const rows = await describeVersions(backend, target);
    if (parsed.values.json) {
      io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    const lines = rows.map((r) => {
      const macro = r.heldOutMacroF1 === null ? '-' : r.heldOutMacroF1.toFixed(3);
      return `${r.live ? '*' : ' '} ${r.version}  ${r.createdAt ?? '-'}  labels ${r.withThreshold ?? '-'}/${r.labels ?? '-'}  held-out macro-F1 ${macro}`;
    });
    io.stdout.write(`${rows.length ? lines.join('\n') : `no versions of ${repo} in ${store}`}\n`);
    return 0;
  } catch (error) {
    const known = [PublishRefusedError, ModelBundleError, StoreUnavailableError];
    if (!known.some((kind) => error instanceof kind) && !/^expected owner\/repo/.test((error as Error).message))
      throw error;
    io.stderr.write(`labelbot models: ${(error as Error).message}\n`);
    return 1;
  }
}
