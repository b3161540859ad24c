import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetIssue } from '@labelbot/model';

/** fastText's input line: labels, then title and body on one line (its format has no other structure). */
function toLine(issue: DatasetIssue, withLabels: boolean): string {
  const text = `${issue.title} ${issue.body}`.replace(/\s+/g, ' ').trim();
  return `${withLabels ? issue.labels.map((l) => `__label__${l} `).join('') : ''}${text}`;
}

function hasFasttext(): boolean {
  return spawnSync('fasttext', [], { encoding: 'utf8' }).error === undefined;
}

/**
 * Debian's fastText on the same issues: trains (`-epoch 25 -lr 0.5 -wordNgrams 2`), then times
 * `predict-prob` over `issues` and over one issue (its start-up + model load), so the difference
 * is its batch throughput. Returns null when `fasttext` is not installed.
 */
export function benchFasttext(
  train: DatasetIssue[],
  issues: DatasetIssue[],
): { trainingSeconds: number; startupSeconds: number; issuesPerSecond: number } | null {
  if (!hasFasttext()) return null;
  const dir = mkdtempSync(join(tmpdir(), 'labelbot-fasttext-'));
  try {
    writeFileSync(join(dir, 'train.txt'), `${train.map((i) => toLine(i, true)).join('\n')}\n`);
    writeFileSync(join(dir, 'all.txt'), `${issues.map((i) => toLine(i, false)).join('\n')}\n`);
    writeFileSync(join(dir, 'one.txt'), `${toLine(issues[0] as DatasetIssue, false)}\n`);
    const model = join(dir, 'model');
    const args = ['supervised', '-input', join(dir, 'train.txt'), '-output', model, '-epoch', '25', '-lr', '0.5'];
    const started = performance.now();
    const trained = spawnSync('fasttext', [...args, '-wordNgrams', '2', '-thread', '1', '-verbose', '0']);
    if (trained.status !== 0) throw new Error(`fasttext supervised failed: ${trained.stderr}`);
    const trainingSeconds = (performance.now() - started) / 1000;
    const time = (file: string): number => {
      const t = performance.now();
      const run = spawnSync('fasttext', ['predict-prob', `${model}.bin`, file, '3'], { maxBuffer: 1 << 28 });
      if (run.status !== 0) throw new Error(`fasttext predict-prob failed: ${run.stderr}`);
      return (performance.now() - t) / 1000;
    };
    const one = Math.min(time(join(dir, 'one.txt')), time(join(dir, 'one.txt')));
    const all = Math.min(time(join(dir, 'all.txt')), time(join(dir, 'all.txt')));
    return {
      trainingSeconds,
      startupSeconds: one,
      issuesPerSecond: issues.length / Math.max(1e-6, all - one),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
