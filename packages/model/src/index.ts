/**
 * Public surface of @labelbot/model. CONTRACT used by front, worker, store and cli:
 * keep these names and shapes; add freely.
 */

export {
  type IssueText,
  type LoadedModel,
  ModelBundleError,
  type ModelManifest,
  type Prediction,
  type Task,
} from './types.js';
export { loadModelFromBytes, loadModelFromDirectory } from './load-model.js';
