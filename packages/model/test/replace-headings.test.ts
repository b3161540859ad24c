import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/create-random.js';
import { replaceHeadings } from '../src/replace-headings.js';

/** The heading pattern the featurizer has always used, frozen here as the reference. */
const REFERENCE = /^[ \t]{0,3}(?:#{1,6}[ \t]+([^\n]+?)[ \t#]*|\*\*([^*\n]{1,80})\*\*:?[ \t]*)$/gm;
const show = (heading: string) => `<${heading}>`;
const byReference = (text: string) => text.replace(REFERENCE, (_m, a, b) => show(String(a ?? b ?? '')));

function randomText(random: () => number, alphabet: string[], length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}

describe('replaceHeadings', () => {
  it('cuts the titles of ATX and bold headings', () => {
    // Closing #s go, and with them the # of a title ending in one (as the reference pattern does).
    expect(replaceHeadings('## What happened?\n**Describe the bug**:\n#  C# ## \n#  C# bug\n text', show)).toBe(
      '<What happened?>\n<Describe the bug>\n<C>\n<C# bug>\n text',
    );
    expect(replaceHeadings('#  \n#\t\t\t\n# #\n#\n####### seven\n    # indented', show)).toBe(
      '< >\n<\t>\n<#>\n#\n####### seven\n    # indented',
    );
  });

  it('gives what the reference pattern gives on random markdown-like lines', () => {
    const random = createRandom(7);
    const alphabet = ['#', '#', ' ', ' ', '\t', '*', '*', 'a', 'b', ':', '\n', '\n', 'é', '\uE000'];
    for (let n = 0; n < 20_000; n++) {
      const text = randomText(random, alphabet, 1 + Math.floor(random() * 24));
      expect(replaceHeadings(text, show), JSON.stringify(text)).toBe(byReference(text));
    }
  });

  it('gives what the reference pattern gives when the text holds \\r, U+2028 or U+2029', () => {
    const random = createRandom(11);
    const alphabet = ['#', ' ', '\t', '*', 'a', '\n', '\r', '\u2028', '\u2029'];
    for (let n = 0; n < 5_000; n++) {
      const text = randomText(random, alphabet, 1 + Math.floor(random() * 16));
      expect(replaceHeadings(text, show), JSON.stringify(text)).toBe(byReference(text));
    }
  });

  it('gives the reference title on a long line of blanks (the case the reference backtracks on)', () => {
    for (const line of [`# a${' '.repeat(4000)}x`, `# ${'# '.repeat(2000)}x`, `## ${' '.repeat(3000)}`]) {
      expect(replaceHeadings(line, show)).toBe(byReference(line));
    }
  });
});
