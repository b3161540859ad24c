import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as evaluate } from '../../../apps/cli/src/commands/evaluate.js';
import { run as predict } from '../../../apps/cli/src/commands/predict.js';
import { run as train } from '../../../apps/cli/src/commands/train.js';
import { makeIssues, toJsonl } from './support/make-issues.js';

function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (t: string) => (out.stdout += t) },
      stderr: { write: (t: string) => (out.stderr += t) },
    },
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'labelbot-cli-'));
  await writeFile(join(dir, 'a.jsonl'), toJsonl(makeIssues(10, ['acme/app'])));
  await writeFile(join(dir, 'b.jsonl'), toJsonl(makeIssues(10, ['acme/lib'])));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('labelbot train | predict | evaluate', () => {
  it('trains a bundle, predicts in input order, and evaluates', async () => {
    const model = join(dir, 'model');
    const t = capture();
    const args = ['--input', join(dir, 'a.jsonl'), '--input', join(dir, 'b.jsonl'), '--out', model];
    const options = [
      '--labels',
      'bug,feature,question',
      '--map',
      'enhancement=feature',
      '--seed',
      '3',
      '--buckets',
      '4096',
      '--validation',
      '0.3',
    ];
    expect(await train([...args, ...options, '--created-at', '2026-01-01T00:00:00Z'], t.io)).toBe(0);
    const summary = JSON.parse(t.out.stdout);
    expect(summary.labels).toEqual(['bug', 'feature', 'question']);
    const manifest = JSON.parse(await readFile(join(model, 'manifest.json'), 'utf8'));
    expect(manifest.training.sources).toHaveLength(2);
    expect(manifest.training.counts.heldOut.bug).toBe(4);
    expect(manifest.version).toBe('20261122T000000Z'.replace('20261122', '20260101'));

    const input = [
      { repo: 'x/y', number: 9, title: 'Crash when opening tabs', body: 'Error: cannot read tabs' },
      { repo: 'x/y', number: 3, title: 'How do I use proxies?', body: 'Can someone explain? Thanks!' },
      { title: '', body: '' },
    ];
    await writeFile(join(dir, 'in.jsonl'), toJsonl(input));
    const p = capture();
    expect(
      await predict(['--model', model, '--input', join(dir, 'in.jsonl'), '--output', join(dir, 'out.jsonl')], p.io),
    ).toBe(0);
    const lines = (await readFile(join(dir, 'out.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.number)).toEqual([9, 3, 0]);
    const top = (scores: Record<string, number>) => Object.entries(scores).sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(lines[0].repo).toBe('x/y');
    expect(top(lines[0].scores)).toBe('bug');
    expect(top(lines[1].scores)).toBe('question');
    for (const line of lines) expect(line.labels.every((l: string) => l === top(line.scores))).toBe(true);
    expect(Object.keys(lines[2].scores)).toEqual(['bug', 'feature', 'question']);

    const e = capture();
    expect(await evaluate(['--model', model, '--input', join(dir, 'a.jsonl'), '--by', 'repo'], e.io)).toBe(0);
    const report = JSON.parse(e.out.stdout);
    expect(report.count).toBe(30);
    expect(Object.keys(report.perRepo)).toEqual(['acme/app']);
    expect(report.top1.perLabel.feature.support).toBe(10);
    expect(report.top1.perRepoMacroF1).toBeGreaterThan(0.8);
    expect(report.perRepoMacroF1).toBeGreaterThan(0);
  });

  it('passes --train-on-held-out and --joined-title-words to the trainer and records them', async () => {
    const joined = makeIssues(10, ['acme/joined']).map((issue) => ({
      ...issue,
      title: '',
      body: `${issue.title} ${issue.body}`,
    }));
    await writeFile(join(dir, 'joined.jsonl'), toJsonl(joined));
    const model = join(dir, 'model-final');
    const t = capture();
    const args = ['--input', join(dir, 'a.jsonl'), '--input', join(dir, 'joined.jsonl'), '--input-weights', '1,0.5'];
    const flags = ['--train-on-held-out', '--joined-title-words', '6', '--buckets', '4096'];
    expect(await train([...args, ...flags, '--out', model, '--created-at', '2026-01-01T00:00:00Z'], t.io)).toBe(0);
    const manifest = JSON.parse(await readFile(join(model, 'manifest.json'), 'utf8'));
    expect(manifest.training.heldOutTrainedOn).toBe(true);
    expect(manifest.training.joinedTitleWords).toBe(6);
    // Every bug issue is trained on but the validation ones: the 10 of a.jsonl, held-out ones included, and the 10 joined.
    const { train: trained, validation, heldOut } = manifest.training.counts;
    expect(heldOut.bug).toBeGreaterThan(0);
    expect(trained.bug + validation.bug).toBe(20);
  });

  it('fails on a broken dataset line, naming file:line, and writes nothing', async () => {
    const bad = join(dir, 'bad.jsonl');
    await writeFile(bad, `${toJsonl(makeIssues(1, ['acme/app']))}{"repo":"acme/app","number":4,\n`);
    const out = join(dir, 'never');
    const t = capture();
    expect(await train(['--input', bad, '--out', out], t.io)).toBe(1);
    expect(t.out.stderr).toMatch(/bad\.jsonl:4: invalid JSON/);
    expect(existsSync(out)).toBe(false);

    const p = capture();
    const predicted = join(dir, 'never.jsonl');
    const code = await predict(['--model', join(dir, 'model'), '--input', bad, '--output', predicted], p.io);
    expect(code).toBe(1);
    expect(p.out.stderr).toMatch(/bad\.jsonl:4/);
    expect(existsSync(predicted)).toBe(false);
  });

  it('rejects a malformed flag value with exit 2 before reading any input, writing nothing', async () => {
    const bad = [
      ['--seed', 'abc'],
      ['--seed', '1.5'],
      ['--dim', '0'],
      ['--dim', '2.5'],
      ['--epochs', '0'],
      ['--buckets', '0'],
      ['--buckets', '1.5'],
      ['--ensemble', '0'],
      ['--joined-title-words', 'abc'],
      ['--lr', '0'],
      ['--linear-share', '2'],
      ['--labels', ','],
      ['--labels', 'bug,feature,bug'],
      ['--map', 'enhancement'],
      ['--created-at', 'yesterday'],
      ['--created-at', '../../2026-01-01T00:00:00Z'],
    ];
    const out = join(dir, 'never-flags');
    for (const flag of bad) {
      const t = capture();
      expect(await train(['--input', join(dir, 'missing.jsonl'), '--out', out, ...flag], t.io), flag.join(' ')).toBe(2);
      expect(t.out.stderr).toContain(flag[0]);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('fails, writing nothing, when no issue carries a label to learn', async () => {
    await writeFile(join(dir, 'empty.jsonl'), '\n');
    const cases = [
      ['--input', join(dir, 'empty.jsonl')],
      ['--input', join(dir, 'a.jsonl'), '--input-weights', '0'],
      ['--input', join(dir, 'a.jsonl'), '--labels', 'docs,chore'],
      ['--input', join(dir, 'empty.jsonl'), '--task', 'multilabel'],
    ];
    const out = join(dir, 'never-empty');
    for (const args of cases) {
      await expect(train([...args, '--out', out], capture().io), args.join(' ')).rejects.toThrow(
        /no issue carries a label to learn/,
      );
    }
    expect(existsSync(out)).toBe(false);
  });

  it('rejects an empty --min-confidence or --input-weights entry instead of reading it as 0', async () => {
    const p = capture();
    const input = join(dir, 'a.jsonl');
    expect(await predict(['--model', join(dir, 'model'), '--input', input, '--min-confidence', ''], p.io)).toBe(2);
    expect(p.out.stderr).toMatch(/--min-confidence must be a number/);
    for (const weights of ['1,,0', '1,', '']) {
      const t = capture();
      const inputs = ['--input', input, '--input', join(dir, 'b.jsonl')];
      expect(await train([...inputs, '--input-weights', weights, '--out', join(dir, 'never-weights')], t.io)).toBe(2);
      expect(t.out.stderr).toMatch(/--input-weights needs one number >= 0 per --input/);
    }
  });

  it('rejects missing arguments and a bad model directory', async () => {
    const t = capture();
    expect(await train(['--out', join(dir, 'x')], t.io)).toBe(2);
    expect(t.out.stderr).toMatch(/--input and --out are required/);
    const p = capture();
    expect(await predict(['--model', dir, '--input', join(dir, 'a.jsonl')], p.io)).toBe(1);
    expect(p.out.stderr).toMatch(/cannot read manifest.json/);
  });
});
