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
  /** Earlier stages this one uses: its FROM and its COPY --from. */
  dependsOn: string[];
}
export interface Dockerfile {
  args: Record<string, string | undefined>;
  stages: Stage[];
}
export function parseDockerfile(text: string, file?: string): Dockerfile;
export function splitAssignment(text: string): [string, string | undefined];
export function stagesForTarget(dockerfile: Dockerfile, target?: string, file?: string): Stage[];
export function finalStages(dockerfile: Dockerfile): string[];
export function stageReference(reference: string, earlier: Stage[]): Stage | undefined;
export function expand(text: string, vars: Record<string, string | undefined>): string;
