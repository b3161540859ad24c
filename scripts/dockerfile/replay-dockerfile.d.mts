/** Types of replay-dockerfile.mjs, for the TypeScript tests that import it. */
export interface StageResult {
  root: string;
  workdir: string;
  env: Record<string, string>;
  user: string;
  entrypoint: string[];
  cmd: string[];
  base: string;
}
export function replayDockerfile(options: {
  dockerfile: string;
  context: string;
  scratch: string;
  cache: Map<string, StageResult>;
  log?: (line: string) => void;
}): StageResult;
