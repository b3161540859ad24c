import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finalStages, parseDockerfile, stagesForTarget } from '../../scripts/dockerfile/parse-dockerfile.mjs';
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

function replay(
  dockerfile: string,
  options: { target?: string; cache?: Map<string, StageResult>; log?: (line: string) => void } = {},
): StageResult {
  writeFileSync(join(dir, 'context/Dockerfile'), dockerfile);
  return replayDockerfile({
    dockerfile: join(dir, 'context/Dockerfile'),
    context: join(dir, 'context'),
    scratch: join(dir, 'scratch'),
    cache: new Map(),
    ...options,
  });
}

/** Shared stages, two final stages (front, worker) and a last stage that fails whenever it is replayed. */
const TARGETS = [
  `ARG IMAGE=${NODE}`,
  'FROM $IMAGE AS deps',
  'WORKDIR /app',
  'RUN echo deps > deps.txt',
  'FROM $IMAGE AS build',
  'WORKDIR /app',
  'RUN mkdir out && echo build > out/build.txt',
  'FROM $IMAGE AS runtime',
  'WORKDIR /app',
  'COPY --from=deps /app/deps.txt ./',
  'COPY --from=1 /app/out ./',
  'USER 1000:1000',
  'ENTRYPOINT ["node", "main.js"]',
  'CMD ["help"]',
  'FROM runtime AS front',
  'EXPOSE 3000',
  'CMD ["front"]',
  'FROM runtime AS worker',
  'RUN echo worker > worker.txt',
  'EXPOSE 9090',
  'CMD ["worker"]',
  'FROM $IMAGE AS broken',
  'RUN exit 7',
].join('\n');

describe('Dockerfile replay', () => {
  it('parses continuations, flags, stages and global ARGs', () => {
    const parsed = parseDockerfile(
      `ARG IMAGE=${NODE}\nFROM \${IMAGE} AS one\n# note\nRUN a \\\n && b\nCOPY --from=one x y\n`,
    );
    expect(parsed.args).toEqual({ IMAGE: NODE });
    expect(parsed.stages.map(({ name, dependsOn }) => ({ name, dependsOn }))).toEqual([{ name: 'one', dependsOn: [] }]);
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

  it('picks the stages of a target: its FROM and COPY --from chain, not the other final stages', () => {
    const parsed = parseDockerfile(TARGETS);
    expect(parsed.stages.map(({ name, dependsOn }) => [name, dependsOn])).toEqual([
      ['deps', []],
      ['build', []],
      ['runtime', ['deps', 'build']],
      ['front', ['runtime']],
      ['worker', ['runtime']],
      ['broken', []],
    ]);
    const names = (target?: string) => stagesForTarget(parsed, target).map((stage) => stage.name);
    expect(names('front')).toEqual(['deps', 'build', 'runtime', 'front']);
    expect(names('worker')).toEqual(['deps', 'build', 'runtime', 'worker']);
    expect(names('build')).toEqual(['build']);
    expect(names()).toEqual(['broken']);
    expect(finalStages(parsed)).toEqual(['front', 'worker', 'broken']);
    expect(() => names('nope')).toThrow(
      /no stage named 'nope' \(stages: deps, build, runtime, front, worker, broken\)/,
    );
    expect(() => parseDockerfile(`FROM ${NODE} AS a\nFROM ${NODE} AS a\n`)).toThrow(/:2: duplicate stage name a/);
  });

  it('replays a target with its own CMD and EXPOSE, the shared stages once, the other targets not at all', () => {
    const cache = new Map<string, StageResult>();
    const lines: string[] = [];
    const log = (line: string) => lines.push(line.replace(/^.*?: /, ''));
    const front = replay(TARGETS, { target: 'front', cache, log });
    const worker = replay(TARGETS, { target: 'worker', cache, log });
    expect(lines.filter((line) => line.startsWith('stage '))).toEqual([
      'stage deps',
      'stage build',
      'stage runtime',
      'stage front',
      'stage deps: cached',
      'stage build: cached',
      'stage runtime: cached',
      'stage worker',
    ]);
    expect(front).toMatchObject({
      stage: 'front',
      user: '1000:1000',
      entrypoint: ['node', 'main.js'],
      cmd: ['front'],
      expose: ['3000'],
    });
    expect(worker).toMatchObject({
      stage: 'worker',
      user: '1000:1000',
      entrypoint: ['node', 'main.js'],
      cmd: ['worker'],
      expose: ['9090'],
    });
    for (const image of [front, worker]) {
      expect(readFileSync(join(image.root, 'app/deps.txt'), 'utf8')).toBe('deps\n');
      expect(readFileSync(join(image.root, 'app/build.txt'), 'utf8')).toBe('build\n');
    }
    expect(existsSync(join(worker.root, 'app/worker.txt'))).toBe(true);
    expect(existsSync(join(front.root, 'app/worker.txt'))).toBe(false);
    // Without a target the last stage is built, which is what the targets skipped.
    expect(() => replay(TARGETS, { cache })).toThrow(/Dockerfile:23: RUN failed \(exit 7\)/);
  });

  it('replays a stage again when a stage it uses changed, although its own instructions did not', () => {
    const cache = new Map<string, StageResult>();
    const file = (word: string) =>
      [
        `FROM ${NODE} AS deps`,
        'WORKDIR /app',
        `RUN echo ${word} > word.txt`,
        `FROM ${NODE} AS app`,
        'WORKDIR /app',
        'COPY --from=deps /app/word.txt ./',
      ].join('\n');
    expect(readFileSync(join(replay(file('one'), { cache }).root, 'app/word.txt'), 'utf8')).toBe('one\n');
    expect(readFileSync(join(replay(file('two'), { cache }).root, 'app/word.txt'), 'utf8')).toBe('two\n');
  });

  it('matches stage names without regard to case, as BuildKit (which lowercases them) does', () => {
    const file = [
      `FROM ${NODE} AS Base`,
      'WORKDIR /app',
      'RUN echo base > base.txt',
      'FROM base AS App',
      'COPY --from=BASE /app/base.txt copy.txt',
      'FROM base AS other',
    ].join('\n');
    const parsed = parseDockerfile(file);
    expect(parsed.stages.map(({ name, dependsOn }) => [name, dependsOn])).toEqual([
      ['base', []],
      ['app', ['base']],
      ['other', ['base']],
    ]);
    expect(finalStages(parsed)).toEqual(['app', 'other']);
    expect(stagesForTarget(parsed, 'APP').map((stage) => stage.name)).toEqual(['base', 'app']);
    const app = replay(file, { target: 'App' });
    expect(app.stage).toBe('app');
    expect(readFileSync(join(app.root, 'app/copy.txt'), 'utf8')).toBe('base\n');
  });

  it('drops an inherited CMD on a new ENTRYPOINT, but not a CMD set in the same stage', () => {
    const parent = [`FROM ${NODE} AS parent`, 'ENTRYPOINT ["node", "a.js"]', 'CMD ["serve"]'];
    expect(replay([...parent, 'FROM parent', 'ENTRYPOINT ["node", "b.js"]'].join('\n'))).toMatchObject({
      entrypoint: ['node', 'b.js'],
      cmd: [],
    });
    expect(replay([...parent, 'FROM parent', 'CMD ["run"]', 'ENTRYPOINT ["node", "b.js"]'].join('\n'))).toMatchObject({
      entrypoint: ['node', 'b.js'],
      cmd: ['run'],
    });
  });
});
