/** Types of replay-dockerfile.mjs, for the TypeScript tests that import it. */
export interface StageResult {
  /** The stage's name (its index for an unnamed stage). */
  stage: string;
  root: string;
  workdir: string;
  env: Record<string, string>;
  user: string;
  entrypoint: string[];
  cmd: string[];
  /** EXPOSE ports, inherited ones included. */
  expose: string[];
  base: string;
}
export function replayDockerfile(options: {
  dockerfile: string;
  /** The stage to build (docker build --target); default: the last stage. */
  target?: string;
  context: string;
  scratch: string;
  cache: Map<string, StageResult>;
  log?: (line: string) => void;
}): StageResult;
