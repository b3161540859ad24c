import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createRegistry, MemoryLog } from '@labelbot/telemetry';
import { afterEach, describe, expect, it } from 'vitest';
import { FrontConfigError } from '../src/config/front-config-error.js';
import { loadFrontConfig } from '../src/config/load-front-config.js';
import { composeFront } from '../src/start/compose-front.js';
import { GENERIC_MODEL_DIR } from './support/front-harness.js';

describe('composeFront refuses to start on a bad model or forwarding file', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const compose = (env: Record<string, string>) =>
    composeFront({
      config: loadFrontConfig({ LABELBOT_DRY_RUN: 'true', ...env }, { mode: 'dev' }),
      logger: createLogger({ destination: new MemoryLog() }),
      registry: createRegistry(),
      github: null,
    });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'front-compose-'));
    dirs.push(dir);
    return dir;
  };

  it('names GENERIC_MODEL_DIR when it holds no bundle', async () => {
    const error = await compose({ GENERIC_MODEL_DIR: tempDir() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FrontConfigError);
    expect((error as Error).message).toMatch(/GENERIC_MODEL_DIR \(.+\) holds no usable model bundle: .*manifest\.json/);
  });

  it('refuses a bundle whose model.onnx does not match its manifest', async () => {
    const dir = tempDir();
    copyFileSync(join(GENERIC_MODEL_DIR, 'manifest.json'), join(dir, 'manifest.json'));
    writeFileSync(join(dir, 'model.onnx'), 'tampered');
    const error = await compose({ GENERIC_MODEL_DIR: dir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FrontConfigError);
    expect((error as Error).message).toMatch(/GENERIC_MODEL_DIR/);
  });

  it('names FORWARDING_CONFIG when the file is invalid at start', async () => {
    const file = join(tempDir(), 'forwarded_repo.yaml');
    writeFileSync(file, 'repos:\n  kubeflow/pipelines: 1.5\n');
    const error = await compose({ GENERIC_MODEL_DIR, FORWARDING_CONFIG: file }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FrontConfigError);
    expect((error as Error).message).toMatch(/FORWARDING_CONFIG .* is invalid: .*kubeflow\/pipelines.*\[0, 1\]/);
  });
});
