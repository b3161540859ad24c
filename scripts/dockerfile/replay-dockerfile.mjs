// @ts-check
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expand, parseDockerfile, splitAssignment, stageReference, stagesForTarget } from './parse-dockerfile.mjs';

/**
 * @typedef {{ stage: string, root: string, workdir: string, env: Record<string, string>, user: string,
 *   entrypoint: string[], cmd: string[], expose: string[], base: string }} StageResult
 */

/** Instructions that change a stage's files; a stage without any shares its parent's folder. */
const FILE_CHANGES = new Set(['COPY', 'RUN', 'WORKDIR']);

/**
 * Replays one target of a Dockerfile outside Docker: the target and the stages it uses (FROM,
 * COPY --from), not the others, as BuildKit does. Each stage is a folder under `scratch`, WORKDIR
 * maps into it, COPY copies from the context (or an earlier stage's folder), RUN runs `sh -c` there
 * with the stage's ENV and ARGs. The base image's tools are the host's own (checked: same Node major).
 * A stage with identical instructions and inputs is replayed once (`cache`), as Docker's layer cache
 * would: replaying a second target of the same file reuses the shared stages.
 * @param {{ dockerfile: string, target?: string, context: string, scratch: string,
 *   cache: Map<string, StageResult>, log?: (line: string) => void }} options
 * @returns {StageResult} the target stage (without a target: the last stage)
 */
export function replayDockerfile({ dockerfile, target, context, scratch, cache, log = () => {} }) {
  const parsed = parseDockerfile(readFileSync(dockerfile, 'utf8'), dockerfile);
  /** @type {Map<string, StageResult>} */
  const byName = new Map();
  /** @type {Map<string, string>} cache key of each replayed stage, part of its users' keys */
  const keys = new Map();
  /** @type {StageResult | undefined} */
  let last;
  for (const stage of stagesForTarget(parsed, target, dockerfile)) {
    const base = expand(stage.base, parsed.args);
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          base,
          parsed.args,
          stage.instructions.map((i) => [i.op, i.flags, i.args]),
          stage.dependsOn.map((name) => keys.get(name)),
        ]),
      )
      .digest('hex')
      .slice(0, 16);
    keys.set(stage.name, key);
    const cached = cache.get(key);
    if (cached) {
      log(`${dockerfile}: stage ${stage.name}: cached`);
      const state = { ...cached, stage: stage.name };
      byName.set(stage.name, state);
      last = state;
      continue;
    }
    log(`${dockerfile}: stage ${stage.name}`);
    const from = byName.get(base.toLowerCase());
    const ownFolder = !from || stage.instructions.some((i) => FILE_CHANGES.has(i.op));
    /** @type {StageResult} */
    const state = from
      ? {
          ...from,
          stage: stage.name,
          env: { ...from.env },
          expose: [...from.expose],
          root: ownFolder ? join(scratch, key) : from.root,
        }
      : {
          stage: stage.name,
          root: join(scratch, key),
          workdir: '/',
          env: {},
          user: 'root',
          entrypoint: [],
          cmd: [],
          expose: [],
          base,
        };
    if (from && ownFolder) cpSync(from.root, state.root, { recursive: true, verbatimSymlinks: true });
    else if (!from) checkBaseImage(base, `${dockerfile}:${stage.line}`);
    mkdirSync(state.root, { recursive: true });
    /** @type {Record<string, string>} */
    const stageArgs = Object.fromEntries(Object.entries(parsed.args).filter((e) => e[1] !== undefined));
    let cmdSet = false;
    for (const instruction of stage.instructions) {
      const where = `${dockerfile}:${instruction.line}`;
      const vars = { ...stageArgs, ...state.env };
      log(`${where}: ${instruction.op} ${instruction.args.slice(0, 100)}`);
      switch (instruction.op) {
        case 'ARG': {
          const [name, value] = splitAssignment(instruction.args);
          const given = parsed.args[name] ?? value;
          if (given !== undefined) stageArgs[name] = expand(given, vars);
          break;
        }
        case 'ENV': {
          const [name, value] = splitAssignment(instruction.args);
          state.env[name] = expand(value ?? '', vars);
          break;
        }
        case 'WORKDIR':
          state.workdir = join(state.workdir, expand(instruction.args, vars));
          mkdirSync(join(state.root, state.workdir), { recursive: true });
          break;
        case 'COPY': {
          const { from: source } = instruction.flags;
          const earlier = parsed.stages.slice(0, parsed.stages.indexOf(stage));
          const sourceStage = source ? stageReference(source, earlier)?.name : undefined;
          copy(instruction, state, source ? byName.get(sourceStage ?? source)?.root : context, where);
          break;
        }
        case 'RUN':
          run(instruction.args, state, vars, where);
          break;
        case 'USER':
          state.user = instruction.args;
          break;
        case 'ENTRYPOINT':
          state.entrypoint = execForm(instruction.args, where);
          // As in Docker: a new ENTRYPOINT drops the CMD inherited from the parent, not one set in this stage.
          if (!cmdSet) state.cmd = [];
          break;
        case 'CMD':
          state.cmd = execForm(instruction.args, where);
          cmdSet = true;
          break;
        case 'EXPOSE':
          for (const port of expand(instruction.args, vars).split(/\s+/)) {
            if (port && !state.expose.includes(port)) state.expose.push(port);
          }
          break;
        case 'LABEL':
        case 'STOPSIGNAL':
          break;
        default:
          throw new Error(`${where}: ${instruction.op} is not supported by the replay`);
      }
    }
    cache.set(key, state);
    byName.set(stage.name, state);
    last = state;
  }
  if (!last) throw new Error(`${dockerfile}: no stage`);
  return last;
}

/** @param {string} image @param {string} where */
function checkBaseImage(image, where) {
  const node = /^node:(\d+)[.-]/.exec(image);
  if (!node) throw new Error(`${where}: base image ${image} cannot be stood in for by this host`);
  const host = process.versions.node.split('.')[0];
  if (node[1] !== host) throw new Error(`${where}: base is Node ${node[1]} but this host runs Node ${host}`);
}

/** @param {string} args @param {string} where */
function execForm(args, where) {
  const value = JSON.parse(args);
  if (!Array.isArray(value)) throw new Error(`${where}: use the exec (JSON array) form`);
  return value.map(String);
}

/**
 * @param {import('./parse-dockerfile.mjs').Instruction} instruction
 * @param {StageResult} state @param {string | undefined} sourceRoot @param {string} where
 */
function copy(instruction, state, sourceRoot, where) {
  if (!sourceRoot) throw new Error(`${where}: unknown stage --from=${instruction.flags.from}`);
  const parts = instruction.args.split(/\s+/);
  const dest = /** @type {string} */ (parts.pop());
  const target = join(state.root, dest.startsWith('/') ? dest : join(state.workdir, dest));
  for (const source of parts) {
    if (/[*?[]/.test(source)) throw new Error(`${where}: globs are not supported by the replay`);
    const from = join(sourceRoot, source);
    if (!existsSync(from)) throw new Error(`${where}: COPY source ${source} does not exist`);
    const intoDir = dest.endsWith('/') || parts.length > 1;
    const to = statSync(from).isDirectory() || !intoDir ? target : join(target, basename(source));
    cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  }
}

/**
 * @param {string} script @param {StageResult} state
 * @param {Record<string, string>} vars @param {string} where
 */
function run(script, state, vars, where) {
  const escaped = state.workdir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (state.workdir !== '/' && new RegExp(`(^|[\\s'"=:])${escaped}(/|[\\s'";]|$)`).test(script)) {
    throw new Error(`${where}: RUN names the absolute path ${state.workdir}; use paths relative to WORKDIR`);
  }
  const result = spawnSync('sh', ['-ec', script], {
    cwd: join(state.root, state.workdir),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_prefer_offline: 'true', ...vars },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`${where}: RUN failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}
