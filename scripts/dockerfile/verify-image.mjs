// @ts-check
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** What each command's image must carry beyond the code (paths relative to WORKDIR). */
const REQUIRED_FILES = {
  front: ['models/generic/manifest.json', 'models/generic/model.onnx'],
  worker: ['models/generic/manifest.json', 'models/generic/model.onnx'],
};
/** Build-time tools that must not reach an image. */
const DEV_ONLY = ['typescript', 'vitest', '@biomejs/biome', 'kubernetes-models', '@octokit/webhooks-examples'];

/**
 * Starts a replayed final stage as the image would (ENTRYPOINT + `--help`), loads the code of the
 * command its CMD names, and checks user, files and the absence of development dependencies.
 * @param {import('./replay-dockerfile.mjs').StageResult} image
 */
export function verifyImage(image) {
  const problems = [];
  const cwd = join(image.root, image.workdir);
  const [command = ''] = image.cmd;
  if (!/^[1-9]\d*(:\d+)?$/.test(image.user)) problems.push(`USER must be a numeric non-root uid, got '${image.user}'`);
  if (image.entrypoint[0] !== 'node')
    problems.push(`ENTRYPOINT must start node, got ${JSON.stringify(image.entrypoint)}`);
  const help = node([...image.entrypoint.slice(1), '--help'], cwd);
  if (help.status !== 0) problems.push(`'${image.entrypoint.join(' ')} --help' exited ${help.status}: ${help.stderr}`);
  else if (!new RegExp(`^\\s+${command}\\s`, 'm').test(help.stdout)) problems.push(`--help does not list '${command}'`);
  const load = node(['--input-type=module', '-e', `await import('@labelbot/${command}')`], cwd);
  if (load.status !== 0)
    problems.push(`@labelbot/${command} does not load with production dependencies: ${load.stderr}`);
  for (const file of REQUIRED_FILES[/** @type {keyof typeof REQUIRED_FILES} */ (command)] ?? []) {
    if (!existsSync(join(cwd, file))) problems.push(`missing ${file}`);
  }
  for (const name of DEV_ONLY) {
    if (existsSync(join(cwd, 'node_modules', name))) problems.push(`development dependency ${name} is in the image`);
  }
  return {
    command,
    user: image.user,
    problems,
    sizeMiB: { app: mib(du(cwd)), nodeModules: mib(du(join(cwd, 'node_modules'))) },
  };
}

/** @param {string[]} args @param {string} cwd */
function node(args, cwd) {
  return spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 60_000 });
}

/** @param {string} path @returns {number} bytes, symlinks not followed */
function du(path) {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + du(join(path, name)), 0);
}

/** @param {number} bytes */
function mib(bytes) {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}
