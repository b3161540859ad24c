import {
  DatasetError,
  type DatasetIssue,
  type LoadedModel,
  loadModelFromBytes,
  loadModelFromDirectory,
  ModelBundleError,
  readDataset,
} from '@labelbot/model';
import { StoreUnavailableError } from '@labelbot/store';
import { isStoreUrl, readStoredBundle } from './read-stored-bundle.js';
import type { CommandIo } from './write-output.js';

/** What `withModel` opens: the dataset first (a bad line fails before the model loads), then the bundle. */
export interface ModelRun {
  /** A bundle directory, or a store URL (`gs://…/owner/repo[/VERSION]`, `file://…`; LATEST when no version). */
  model: string;
  input: string;
  mode?: 'labelled' | 'unlabelled';
}

/**
 * Reads the dataset and opens the model bundle, runs `use`, and always releases the model. A bad
 * dataset line or bundle is written as `labelbot <command>: <why>` with exit code 1; 0 otherwise.
 */
export async function withModel(
  command: string,
  io: CommandIo & { env?: NodeJS.ProcessEnv },
  run: ModelRun,
  use: (model: LoadedModel, issues: DatasetIssue[]) => Promise<void>,
): Promise<number> {
  try {
    const issues = await readDataset(run.input, run.mode);
    const model = isStoreUrl(run.model)
      ? await loadModelFromBytes(await readStoredBundle(run.model, io.env ?? {}))
      : await loadModelFromDirectory(run.model);
    try {
      await use(model, issues);
    } finally {
      await model.release();
    }
    return 0;
  } catch (error) {
    if (error instanceof DatasetError || error instanceof ModelBundleError || error instanceof StoreUnavailableError) {
      io.stderr.write(`labelbot ${command}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
