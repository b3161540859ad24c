import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './support/render-variant.js';

const missing = ['git', 'make', 'bash'].filter((tool) => spawnSync(tool, ['--version']).status !== 0);
const absentReason = missing.length ? `${missing.join(', ')} not installed: the update-image test is skipped` : '';
if (absentReason) console.warn(`[skip] ${absentReason}`);

const REGISTRY = 'registry.test/labelbot';
const digestOf = (reference: string) => `sha256:${createHash('sha256').update(reference).digest('hex')}`;

describe('pin-images (the pinning step alone)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'labelbot-pin-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pin = (builds: unknown, ...args: string[]) => {
    writeFileSync(join(dir, 'builds.json'), JSON.stringify(builds));
    copyFileSync(join(repoRoot, 'kustomization.yaml'), join(dir, 'kustomization.yaml'));
    const result = spawnSync(
      process.execPath,
      [join(repoRoot, 'scripts/pin-images.mjs'), '--builds', 'builds.json', ...args],
      { cwd: dir, encoding: 'utf8' },
    );
    return { ...result, kustomization: readFileSync(join(dir, 'kustomization.yaml'), 'utf8') };
  };

  it('writes exactly the tag and digest of the build it is fed, comments kept', () => {
    const front = `${REGISTRY}/front:v2.3.4-5-gdeadbee@${digestOf('f')}`;
    const worker = `${REGISTRY}/worker:v2.3.4-5-gdeadbee@${digestOf('w')}`;
    const result = pin({
      builds: [
        { imageName: 'worker', tag: worker },
        { imageName: 'front', tag: front },
      ],
    });
    expect(result.stderr).toBe('');
    expect(parse(result.kustomization).images).toEqual([
      { name: 'front', newName: `${REGISTRY}/front`, newTag: 'v2.3.4-5-gdeadbee', digest: digestOf('f') },
      { name: 'worker', newName: `${REGISTRY}/worker`, newTag: 'v2.3.4-5-gdeadbee', digest: digestOf('w') },
    ]);
    expect(result.kustomization).toContain('# The staging release');
    expect(parse(result.kustomization).resources).toEqual(['k8s/overlays/staging']);
  });

  it('refuses a build whose tag is not the release tag, and leaves the file alone', () => {
    const before = readFileSync(join(repoRoot, 'kustomization.yaml'), 'utf8');
    const result = pin({ builds: [{ imageName: 'front', tag: `${REGISTRY}/front:v1.0.0` }] }, '--expect-tag', 'v1.0.1');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/tagged 'v1.0.0', not the release tag 'v1.0.1'/);
    expect(result.kustomization).toBe(before);
  });

  it('refuses an empty build result and a reference without a tag', () => {
    expect(pin({ builds: [] }).stderr).toMatch(/lists no builds/);
    expect(pin({ builds: [{ imageName: 'front', tag: `${REGISTRY}/front` }] }).stderr).toMatch(/has no tag/);
  });
});

describe.skipIf(!!absentReason)('make update-image', () => {
  let dir = '';
  const env = () => ({
    ...process.env,
    PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
    SKAFFOLD_STAND_IN_LOG: join(dir, 'skaffold.log'),
    GIT_AUTHOR_NAME: 'test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
  });
  const sh = (command: string) => {
    const result = spawnSync('bash', ['-c', command], { cwd: dir, env: env(), encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command}: ${result.stderr}`);
    return result.stdout.trim();
  };
  const release = () =>
    spawnSync('make', ['--no-print-directory', 'update-image', `REGISTRY=${REGISTRY}`], {
      cwd: dir,
      env: env(),
      encoding: 'utf8',
    });
  const pinned = () => parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')).images;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'labelbot-update-image-'));
    mkdirSync(join(dir, 'scripts'));
    mkdirSync(join(dir, 'bin'));
    for (const file of ['Makefile', 'kustomization.yaml', 'scripts/update-image.sh', 'scripts/pin-images.mjs']) {
      copyFileSync(join(repoRoot, file), join(dir, file));
    }
    copyFileSync(join(repoRoot, 'test/deploy/fixtures/skaffold-stand-in.sh'), join(dir, 'bin/skaffold'));
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, '.gitignore'), 'node_modules\nbin\nskaffold.log\n');
    sh(
      'chmod +x bin/skaffold scripts/update-image.sh && git init -q && git add -A && git commit -qm one && git tag v1.0.0',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pins the tag it just built, computed when the recipe runs', () => {
    const first = release();
    expect(first.status, first.stderr).toBe(0);
    expect(pinned()).toEqual(
      ['front', 'worker'].map((name) => ({
        name,
        newName: `${REGISTRY}/${name}`,
        newTag: 'v1.0.0',
        digest: digestOf(`${REGISTRY}/${name}:v1.0.0`),
      })),
    );
    expect(readFileSync(join(dir, 'skaffold.log'), 'utf8')).toContain('--tag=v1.0.0');

    sh('git commit -qam "pin v1.0.0" && echo change > file && git add file && git commit -qm two');
    const described = sh('git describe --tags --always --dirty');
    expect(described).toMatch(/^v1\.0\.0-2-g[0-9a-f]+$/);
    const second = release();
    expect(second.status, second.stderr).toBe(0);
    for (const image of pinned()) {
      expect(image.newTag).toBe(described);
      expect(image.digest).toBe(digestOf(`${image.newName}:${described}`));
    }
    expect(readFileSync(join(dir, 'skaffold.log'), 'utf8').trim().split('\n').at(-1)).toContain(`--tag=${described}`);
  });

  it('refuses to release uncommitted changes', () => {
    sh('echo more >> file');
    const result = release();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/uncommitted changes/);
    sh('git checkout -q file');
  });
});
