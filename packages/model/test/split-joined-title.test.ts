import { describe, expect, it } from 'vitest';
import { type DatasetIssue, splitJoinedTitle } from '../src/index.js';

const issue = (title: string, body: string): DatasetIssue => ({
  repo: 'acme/app',
  number: 1,
  title,
  body,
  labels: ['bug'],
  created_at: null,
});

describe('splitJoinedTitle', () => {
  it('reads the first words of a title-less issue as its title and keeps the rest of the body as written', () => {
    const split = splitJoinedTitle(issue('', '  Crash  when\tsaving the file Steps:\n\n```\nat save()\n```'), 5);
    expect(split.title).toBe('Crash when saving the file');
    expect(split.body).toBe('Steps:\n\n```\nat save()\n```');
    expect(split.labels).toEqual(['bug']);
  });

  it('makes a body shorter than the word count all title', () => {
    expect(splitJoinedTitle(issue('', 'Add dark mode'), 12)).toMatchObject({ title: 'Add dark mode', body: '' });
  });

  it('leaves issues with a title, empty bodies and a zero word count alone', () => {
    const titled = issue('Add dark mode', 'Please add it.');
    expect(splitJoinedTitle(titled, 12)).toBe(titled);
    const empty = issue('', '   ');
    expect(splitJoinedTitle(empty, 12)).toBe(empty);
    const joined = issue('', 'Add dark mode please');
    expect(splitJoinedTitle(joined, 0)).toBe(joined);
  });
});
