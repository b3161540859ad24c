import { describe, expect, it } from 'vitest';
import { run as dataset } from '../src/commands/dataset.js';
import { run as evaluate } from '../src/commands/evaluate.js';
import { run as models } from '../src/commands/models.js';
import { run as predict } from '../src/commands/predict.js';
import { run as publish } from '../src/commands/publish.js';
import { run as train } from '../src/commands/train.js';

type Command = (
  args: string[],
  io: { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } },
) => Promise<number>;

const COMMANDS: Array<[string, Command, string[]]> = [
  ['train', train, []],
  ['evaluate', evaluate, []],
  ['predict', predict, []],
  ['publish', publish, []],
  ['models', models, ['list']],
  ['dataset', dataset, []],
  ['dataset build', dataset, ['build']],
];

async function runCapturing(command: Command, args: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = await command(args, {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
  });
  return { code, ...out };
}

describe('--help on the model commands', () => {
  for (const [name, command, prefix] of COMMANDS) {
    it(`labelbot ${name} --help prints its usage on stdout and exits 0`, async () => {
      for (const flag of ['--help', '-h']) {
        const result = await runCapturing(command, [...prefix, flag]);
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/^usage: labelbot /);
        expect(result.stderr).toBe('');
      }
    });
  }

  it('an unknown option still prints the usage on stderr and exits 2', async () => {
    const result = await runCapturing(train, ['--no-such-flag']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/labelbot train: .*no-such-flag[\s\S]*usage: labelbot train/);
    expect(result.stdout).toBe('');
  });

  it('--help after -- is an argument, not the flag', async () => {
    const result = await runCapturing(predict, ['--', '--help']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });
});
