import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../scripts/dockerfile/parse-dockerfile.mjs';
import { replayDockerfile, type StageResult } from '../../scripts/dockerfile/replay-dockerfile.mjs';

const NODE = `node:${process.versions.node.split('.')[0]}-bookworm-slim`;
let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labelbot-replay-'));
  mkdirSync(join(dir, 'context/src'), { recursive: true });
  mkdirSync(join(dir, 'scratch'));
  writeFileSync(join(dir, 'context/src/a.txt'), 'from the context\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function replay(dockerfile: string): StageResult {
  writeFileSync(join(dir, 'context/Dockerfile'), dockerfile);
  return replayDockerfile({
    dockerfile: join(dir, 'context/Dockerfile'),
    context: join(dir, 'context'),
    scratch: join(dir, 'scratch'),
    cache: new Map(),
  });
}

describe('Dockerfile replay', () => {
  it('parses continuations, flags, stages and global ARGs', () => {
    const parsed = parseDockerfile(
      `ARG IMAGE=${NODE}\nFROM \${IMAGE} AS one\n# note\nRUN a \\\n && b\nCOPY --from=one x y\n`,
    );
    expect(parsed.args).toEqual({ IMAGE: NODE });
    expect(parsed.stages[0]?.instructions).toEqual([
      { op: 'RUN', args: 'a  && b', flags: {}, line: 4 },
      { op: 'COPY', args: 'x y', flags: { from: 'one' }, line: 6 },
    ]);
  });

  it('runs COPY and RUN in the stage folder, with ENV, and carries files across stages', () => {
    const image = replay(
      [
        `ARG IMAGE=${NODE}`,
        'FROM $IMAGE AS build',
        'WORKDIR /app',
        'ENV GREETING=hello',
        'COPY src src',
        'RUN mkdir out && cat src/a.txt > out/copied.txt \\',
        ' && echo "$GREETING" > out/env.txt',
        'FROM $IMAGE',
        'WORKDIR /app',
        'COPY --from=build /app/out ./',
        'USER 1000:1000',
        'ENTRYPOINT ["node", "main.js"]',
        'CMD ["serve"]',
      ].join('\n'),
    );
    expect(readFileSync(join(image.root, 'app/copied.txt'), 'utf8')).toBe('from the context\n');
    expect(readFileSync(join(image.root, 'app/env.txt'), 'utf8')).toBe('hello\n');
    expect(existsSync(join(image.root, 'app/src'))).toBe(false);
    expect(image).toMatchObject({
      workdir: '/app',
      user: '1000:1000',
      entrypoint: ['node', 'main.js'],
      cmd: ['serve'],
    });
  });

  it('names the failing line, refuses absolute WORKDIR paths in RUN and a base it cannot stand in for', () => {
    expect(() => replay(`FROM ${NODE}\nWORKDIR /app\nRUN exit 3\n`)).toThrow(/Dockerfile:3: RUN failed \(exit 3\)/);
    expect(() => replay(`FROM ${NODE}\nWORKDIR /app\nRUN ls /app/x\n`)).toThrow(/absolute path \/app/);
    expect(() => replay('FROM python:3.12\nRUN true\n')).toThrow(/cannot be stood in for/);
    expect(() => replay(`FROM ${NODE}\nCOPY missing ./\n`)).toThrow(/COPY source missing does not exist/);
  });
});
