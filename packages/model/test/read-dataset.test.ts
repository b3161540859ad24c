import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError, parseDataset, readDataset } from '../src/index.js';

const good = '{"repo":"a/b","number":1,"title":"t","body":null,"labels":["bug"],"created_at":null}';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'labelbot-dataset-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readDataset', () => {
  it('reads JSONL, skipping blank lines, body null as empty', async () => {
    const file = join(dir, 'ok.jsonl');
    await writeFile(file, `${good}\n\n${good.replace('"number":1', '"number":2')}\n`);
    const issues = await readDataset(file);
    expect(issues.map((i) => i.number)).toEqual([1, 2]);
    expect(issues[0]?.body).toBe('');
  });

  it('names the file and line of invalid JSON or a missing or mistyped field', () => {
    const cases: [string, RegExp][] = [
      [`${good}\n{"repo":`, /^f\.jsonl:2: invalid JSON/],
      [`${good}\n${good}\n{"repo":"a/b","number":3,"body":"","labels":[]}`, /^f\.jsonl:3: field "title" is missing/],
      [`{"repo":"a/b","number":"7","title":"","body":"","labels":[]}`, /^f\.jsonl:1: field "number" must be a number/],
      [`{"repo":"a/b","number":7,"title":"","body":"","labels":"bug"}`, /^f\.jsonl:1: field "labels" must be/],
      ['[1,2]', /^f\.jsonl:1: expected a JSON object/],
    ];
    for (const [text, message] of cases) {
      expect(() => parseDataset(text, 'f.jsonl')).toThrow(DatasetError);
      expect(() => parseDataset(text, 'f.jsonl')).toThrow(message);
    }
  });

  it('for prediction input, needs only title and body', () => {
    const [issue] = parseDataset('{"title":"x","body":"y"}', 'p.jsonl', 'unlabelled');
    expect(issue).toMatchObject({ repo: '', number: 0, labels: [], title: 'x' });
    expect(() => parseDataset('{"title":"x"}', 'p.jsonl', 'unlabelled')).toThrow(/p\.jsonl:1: field "body"/);
  });

  it('reports an unreadable file', async () => {
    await expect(readDataset(join(dir, 'missing.jsonl'))).rejects.toThrow(/missing\.jsonl: cannot read \(ENOENT\)/);
  });
});
