import { type LoadedModel, loadModelFromDirectory } from '@labelbot/model';
import { FrontConfigError } from '../config/front-config-error.js';

/** Loads the generic bundle and runs one prediction, so the first webhook does not pay for warm-up. */
export async function loadGenericModel(dir: string): Promise<LoadedModel> {
  let model: LoadedModel;
  try {
    model = await loadModelFromDirectory(dir);
  } catch (error) {
    throw new FrontConfigError([
      `GENERIC_MODEL_DIR (${dir}) holds no usable model bundle: ${(error as Error).message}. ` +
        'Point it at a directory with model.onnx and manifest.json (the repository ships models/generic).',
    ]);
  }
  await model.predict([{ title: 'warm-up', body: 'warm-up' }]);
  return model;
}
