#!/usr/bin/env node
// @ts-check
// Checks the Dockerfile without Docker: clones HEAD into a scratch folder, replays each target's
// stages there (its own and the ones it uses, scripts/dockerfile/replay-dockerfile.mjs), then starts
// the target's final image the way the image would start and checks what it must contain. Prints one
// JSON report. Targets default to the Dockerfile's final stages (front and worker).
//   node scripts/check-dockerfiles.mjs [--keep] [--quiet] [--file Dockerfile] [front|worker …]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { finalStages, parseDockerfile, stagesForTarget } from './dockerfile/parse-dockerfile.mjs';
import { replayDockerfile } from './dockerfile/replay-dockerfile.mjs';
import { verifyImage } from './dockerfile/verify-image.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    keep: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    file: { type: 'string', default: 'Dockerfile' },
  },
});
const repo = gitOutput(['rev-parse', '--show-toplevel'], process.cwd());
const dockerfile = values.file;
const scratch = mkdtempSync(join(tmpdir(), 'labelbot-dockerfiles-'));
const context = join(scratch, 'context');
const log = values.quiet ? () => {} : (/** @type {string} */ line) => console.error(line);
let exitCode = 0;
try {
  gitOutput(['clone', '--quiet', '--no-hardlinks', repo, context], scratch);
  const cache = new Map();
  const images = [];
  const path = resolve(context, dockerfile);
  const parsed = parseDockerfile(readFileSync(path, 'utf8'), dockerfile);
  const targets = positionals.length > 0 ? positionals : finalStages(parsed);
  for (const target of targets) {
    const started = Date.now();
    const stages = stagesForTarget(parsed, target, dockerfile).map((stage) => stage.name);
    const image = replayDockerfile({ dockerfile: path, target, context, scratch, cache, log });
    images.push({
      dockerfile,
      target,
      stages,
      expose: image.expose,
      ...verifyImage(image),
      replaySeconds: Math.round((Date.now() - started) / 1000),
    });
  }
  const failed = images.filter((image) => image.problems.length > 0);
  exitCode = failed.length > 0 ? 1 : 0;
  console.log(JSON.stringify({ commit: gitOutput(['rev-parse', 'HEAD'], context), images }, null, 2));
} catch (error) {
  console.error(`check-dockerfiles: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  if (values.keep) console.error(`check-dockerfiles: scratch kept in ${scratch}`);
  else if (existsSync(scratch)) rmSync(scratch, { recursive: true, force: true });
}
process.exitCode = exitCode;

/** @param {string[]} args @param {string} cwd */
function gitOutput(args, cwd) {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr || result.error}`);
  return result.stdout.trim();
}
