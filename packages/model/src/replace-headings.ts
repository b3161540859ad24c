/**
 * Issue-template headings, one per line: an ATX heading (`## What happened?`, closing `#`s dropped)
 * or a line that is only bold text (`**Describe the bug**:`). `replace` gets the heading's text and
 * returns what the whole line becomes.
 *
 * The featurizer's definition is `HEADING` below. Its lazy title before a greedy tail backtracks
 * quadratically on a long line (`# a`, 4,000 spaces, `x`: ~50 ms), so lines are matched whole by
 * `HEADING_LINE` and the title is cut out by `atxTitle`, which gives the same text in linear time.
 * `HEADING` remains for text holding `\r`, U+2028 or U+2029, where `$` also matches inside a `[^\n]` run
 * (the tokenizer has turned `\r` into `\n` before; the function stays exact on its own).
 */
export function replaceHeadings(text: string, replace: (heading: string) => string): string {
  if (/[\r\u2028\u2029]/.test(text))
    return text.replace(HEADING, (_m, atx, bold) => replace(String(atx ?? bold ?? '')));
  return text.replace(HEADING_LINE, (_m, atx: string | undefined, bold: string) =>
    replace(atx === undefined ? bold : atxTitle(atx)),
  );
}

/** The featurizer's heading pattern (the definition: `replaceHeadings` gives what it gives). */
const HEADING = /^[ \t]{0,3}(?:#{1,6}[ \t]+([^\n]+?)[ \t#]*|\*\*([^*\n]{1,80})\*\*:?[ \t]*)$/gm;
const HEADING_LINE = /^[ \t]{0,3}(?:(#{1,6}[ \t]+[^\n]+)|\*\*([^*\n]{1,80})\*\*:?[ \t]*)$/gm;

/**
 * `HEADING`'s title from an ATX line's hashes onward: after the hashes and the blanks, the shortest
 * non-empty text followed only by blanks and `#`s; on a line of only blanks after the hashes, the
 * last blank (the blanks before it are the separator the pattern requires).
 */
function atxTitle(atx: string): string {
  const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
  let start = 0;
  while (atx[start] === '#') start++;
  while (isBlank(atx[start])) start++;
  if (start === atx.length) return atx.slice(-1);
  let end = atx.length;
  while (end > start && (isBlank(atx[end - 1]) || atx[end - 1] === '#')) end--;
  return end > start ? atx.slice(start, end) : atx.slice(start, start + 1);
}
