import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { baseContainerPorts } from './support/pod-templates.js';
import { repoRoot } from './support/render-variant.js';

function absentReason(): string {
  if (spawnSync('git', ['--version']).status !== 0) return 'git is not installed';
  if (spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot }).status !== 0)
    return 'not a git checkout with a commit';
  const ping = spawnSync('npm', ['ping'], { cwd: repoRoot, timeout: 20_000, encoding: 'utf8' });
  if (ping.status !== 0) return 'the npm registry does not answer (offline)';
  return '';
}
const reason = absentReason();
if (reason) console.warn(`[skip] Dockerfile replay: ${reason}`);

interface ImageReport {
  dockerfile: string;
  target: string;
  stages: string[];
  expose: string[];
  command: string;
  user: string;
  problems: string[];
  sizeMiB: { app: number; nodeModules: number };
}

describe.skipIf(!!reason)('Dockerfile, replayed outside Docker from a clean clone of HEAD', () => {
  it('builds both targets, each from the shared stages and its own, which start, carry what they need and no development dependency', () => {
    const result = spawnSync(process.execPath, ['scripts/check-dockerfiles.mjs', '--quiet'], {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    expect(
      result.status,
      result.stderr
        .split('\n')
        .filter((line) => !line.startsWith('npm warn'))
        .join('\n'),
    ).toBe(0);
    const report = JSON.parse(result.stdout) as { images: ImageReport[] };
    console.log(JSON.stringify(report.images.map(({ target, sizeMiB }) => ({ target, sizeMiB }))));
    const shared = ['deps', 'build', 'runtime'];
    expect(
      report.images.map(({ dockerfile, target, stages, command, user, problems }) => ({
        dockerfile,
        target,
        stages,
        command,
        user,
        problems,
      })),
    ).toEqual(
      ['front', 'worker'].map((target) => ({
        dockerfile: 'Dockerfile',
        target,
        stages: [...shared, target],
        command: target,
        user: '1000:1000',
        problems: [],
      })),
    );
    for (const { target, expose } of report.images) expect(expose, target).toEqual(baseContainerPorts(target));
  }, 1_200_000);
});
