import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(repoRoot, 'apps/cli/bin/labelbot.js');

/** True when the CLI and the given apps are built (process tests spawn the built `labelbot`). */
export function isBuilt(...apps: string[]): boolean {
  return ['cli', ...apps].every((app) => existsSync(join(repoRoot, `apps/${app}/dist/main.js`)));
}

/** A loopback port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

export interface LabelbotProcess {
  child: ChildProcessWithoutNullStreams;
  /** The JSON log lines printed so far. */
  lines: Record<string, unknown>[];
  stderr(): string;
  exited: Promise<number | null>;
}

/** Spawns the built `labelbot` with exactly `env` (plus PATH), collecting its JSON log lines. */
export function spawnLabelbot(args: string[], env: Record<string, string>): LabelbotProcess {
  const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, env: { PATH: process.env.PATH, ...env } });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      // Log lines are one JSON object each; other output (a command's pretty-printed result) is not collected.
      if (line.startsWith('{') && line.endsWith('}')) lines.push(JSON.parse(line));
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, lines, stderr: () => stderr, exited };
}
