import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

/** Where Debian/Google Cloud SDK installs the emulator; override with PUBSUB_EMULATOR_BIN. */
const DEFAULT_EMULATOR_BIN = '/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator';

declare module 'vitest' {
  export interface ProvidedContext {
    pubsubEmulatorHost: string;
    pubsubEmulatorAbsentReason: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForEmulator(host: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Pub/Sub emulator exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`http://${host}/v1/projects/probe/topics`);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Pub/Sub emulator did not answer on ${host} within ${timeoutMs} ms`);
}

/** Starts one Pub/Sub emulator for the whole run; each test file isolates itself with its own project id. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bin = process.env.PUBSUB_EMULATOR_BIN ?? DEFAULT_EMULATOR_BIN;
  if (!existsSync(bin)) {
    const reason = `Pub/Sub emulator not found at ${bin} (install google-cloud-cli-pubsub-emulator or set PUBSUB_EMULATOR_BIN)`;
    console.warn(`[labelbot tests] ${reason}; tests that need it are skipped`);
    project.provide('pubsubEmulatorHost', '');
    project.provide('pubsubEmulatorAbsentReason', reason);
    return async () => {};
  }
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const child = spawn(bin, [`--host=127.0.0.1`, `--port=${port}`], { stdio: 'ignore', detached: true });
  await waitForEmulator(host, child, 60_000);
  project.provide('pubsubEmulatorHost', host);
  project.provide('pubsubEmulatorAbsentReason', '');
  return async () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    }
  };
}
