import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort, isBuilt, repoRoot, spawnLabelbot } from '../../../test/support/labelbot-process.js';
import { until } from '../../../test/support/until.js';

const example = join(repoRoot, 'apps/front/examples/issues-opened.json');
const built = isBuilt();
if (!built) console.warn('[skip] labelbot dev process test: run `npm run build` first (it spawns the built CLI)');

/** Runs `labelbot replay` against the server and returns what it printed and its exit code. */
async function replay(url: string): Promise<{ code: number | null; out: string }> {
  const run = spawnLabelbot(['replay', example, '--url', url], {});
  let out = '';
  run.child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return { code: await run.exited, out };
}

describe.skipIf(!built)('labelbot dev (what npm start runs) and labelbot replay, as processes', () => {
  it('answers a replayed issues.opened on both paths: generic in the front, forwarded through the in-process queue to the worker', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'labelbot-dev-'));
    const forwarding = join(dir, 'forwarded_repo.yaml');
    await writeFile(forwarding, 'orgs: {}\nrepos: {}\n');
    const port = await freePort();
    // No App credentials and no webhook secret: dry run with the development secret, as on a newcomer's laptop.
    const { child, lines, stderr, exited } = spawnLabelbot(['dev'], {
      PORT: String(port),
      FORWARDING_CONFIG: forwarding,
      MODEL_STORE_URL: pathToFileURL(dir).href,
    });
    const url = `http://127.0.0.1:${port}/api/github/webhooks`;
    try {
      await until(() => lines.some((line) => line.message === 'labelbot dev ready'), 30_000, `ready (${stderr()})`);
      expect(stderr()).toContain('dry run');

      const generic = await replay(url);
      expect(generic.code).toBe(0);
      expect(generic.out).toContain('HTTP 200');
      expect(generic.out).toMatch(/"path": "generic"[\s\S]*"dryRun": true/);

      await writeFile(forwarding, 'orgs: {}\nrepos:\n  octo-org/hello-world: 1\n');
      await until(() => lines.some((line) => line.message === 'forwarding config reloaded'), 15_000, 'reload');
      const forwarded = await replay(url);
      expect(forwarded.out).toContain('HTTP 200');
      expect(forwarded.out).toContain('"path": "forwarded"');
      const handled = await until(
        () => lines.find((line) => line.message === 'issue event handled; acked'),
        20_000,
        'the worker handling the forwarded issue',
      );
      expect(handled).toMatchObject({ repo: 'octo-org/hello-world', issue: 42, modelSource: 'generic', dryRun: true });
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
