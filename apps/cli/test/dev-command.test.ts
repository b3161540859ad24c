import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'apps/cli/bin/labelbot.js');
const example = join(root, 'apps/front/examples/issues-opened.json');
const built = existsSync(join(root, 'apps/cli/dist/main.js'));
if (!built) console.warn('[skip] labelbot dev process test: run `npm run build` first (it spawns the built CLI)');

const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

async function until<T>(check: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** Runs `labelbot replay` against the server and returns what it printed and its exit code. */
function replay(url: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [bin, 'replay', example, '--url', url], { cwd: root });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((done) => child.on('exit', (code) => done({ code, out })));
}

describe.skipIf(!built)('labelbot dev (what npm start runs) and labelbot replay, as processes', () => {
  it('answers a replayed issues.opened on both paths: generic in the front, forwarded through the in-process queue to the worker', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'labelbot-dev-'));
    const forwarding = join(dir, 'forwarded_repo.yaml');
    await writeFile(forwarding, 'orgs: {}\nrepos: {}\n');
    const port = await freePort();
    const child = spawn(process.execPath, [bin, 'dev'], {
      cwd: root,
      // No App credentials and no webhook secret: dry run with the development secret, as on a newcomer's laptop.
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        FORWARDING_CONFIG: forwarding,
        MODEL_STORE_URL: pathToFileURL(dir).href,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: Record<string, unknown>[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.startsWith('{')) lines.push(JSON.parse(line));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const url = `http://127.0.0.1:${port}/api/github/webhooks`;
    try {
      await until(() => lines.some((line) => line.message === 'labelbot dev ready'), 30_000, `ready (${stderr})`);
      expect(stderr).toContain('dry run');

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
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.on('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
