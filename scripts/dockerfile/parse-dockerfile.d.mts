/** Types of parse-dockerfile.mjs, for the TypeScript tests that import it. */
export interface Instruction {
  op: string;
  args: string;
  flags: Record<string, string>;
  line: number;
}
export interface Stage {
  name: string;
  base: string;
  line: number;
  instructions: Instruction[];
}
export interface Dockerfile {
  args: Record<string, string | undefined>;
  stages: Stage[];
}
export function parseDockerfile(text: string, file?: string): Dockerfile;
export function splitAssignment(text: string): [string, string | undefined];
