#!/usr/bin/env node
// @ts-check
// Checks the Dockerfiles without Docker: clones HEAD into a scratch folder, replays every stage's
// RUN/COPY steps there (scripts/dockerfile/replay-dockerfile.mjs), then starts the final stage the
// way the image would start and checks what it must contain. Prints one JSON report.
//   node scripts/check-dockerfiles.mjs [--keep] [apps/front/Dockerfile …]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { replayDockerfile } from './dockerfile/replay-dockerfile.mjs';
import { verifyImage } from './dockerfile/verify-image.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { keep: { type: 'boolean', default: false }, quiet: { type: 'boolean', default: false } },
});
const repo = gitOutput(['rev-parse', '--show-toplevel'], process.cwd());
const dockerfiles = positionals.length > 0 ? positionals : ['apps/front/Dockerfile', 'apps/worker/Dockerfile'];
const scratch = mkdtempSync(join(tmpdir(), 'labelbot-dockerfiles-'));
const context = join(scratch, 'context');
const log = values.quiet ? () => {} : (/** @type {string} */ line) => console.error(line);
let exitCode = 0;
try {
  gitOutput(['clone', '--quiet', '--no-hardlinks', repo, context], scratch);
  const cache = new Map();
  const images = [];
  for (const dockerfile of dockerfiles) {
    const started = Date.now();
    const image = replayDockerfile({ dockerfile: resolve(context, dockerfile), context, scratch, cache, log });
    images.push({ dockerfile, ...verifyImage(image), replaySeconds: Math.round((Date.now() - started) / 1000) });
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
