import { replaceHeadings } from './replace-headings.js';

/**
 * Markdown-aware tokenizer. Structure that says a lot about an issue's kind but little as words
 * — fenced code, stack traces, URLs, images, version strings, numbers, issue-template headings,
 * checkboxes — becomes special tokens starting with `#` (a character words never contain).
 * Words are lower-cased Unicode letter/digit runs; `?` and `!` and emoji are tokens too.
 */
export function tokenizeMarkdown(raw: string, maxChars: number): string[] {
  const specials: string[] = [];
  const mark = (...tokens: string[]): string => {
    let out = ' ';
    for (const token of tokens) {
      out += `\uE000${specials.length}\uE001 `;
      specials.push(token);
    }
    return out;
  };
  // Cap first so a 2 MB body costs the same as an 8 kB one; strip control and private-use
  // characters (the latter are our placeholders).
  let text = raw.slice(0, maxChars).replace(/\r\n?/g, '\n');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  text = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uE000-\uF8FF]/g, ' ');

  // Each pass runs only when its marker occurs: most issues lack most structures.
  if (text.includes('```'))
    text = text.replace(/```[ \t]*([\w+#.-]*)[^\n]*\n?([\s\S]*?)(?:```|$)/g, (_m, lang: string, code: string) => {
      const tokens = ['#code'];
      if (lang) tokens.push(`#code:${lang.toLowerCase()}`);
      if (TRACE_LINE.test(code)) tokens.push('#trace');
      if (/error|exception|fail|fatal|panic|segfault/i.test(code)) tokens.push('#code-error');
      return mark(...tokens);
    });
  if (/at |File "|Traceback|#\d/.test(text)) text = text.replace(TRACE_LINES, () => mark('#trace'));
  if (/!\[|<img/i.test(text)) text = text.replace(/!\[[^\]\n]*\]\([^)\s]*\)|<img\b[^>]*>/gi, () => mark('#img'));
  if (text.includes('://'))
    text = text.replace(/https?:\/\/([^\s/)>\]"'`]+)[^\s)>\]"'`]*/gi, (_m, host: string) =>
      mark('#url', `#url:${host.toLowerCase()}`),
    );
  if (text.includes('#') || text.includes('**'))
    text = replaceHeadings(text, (heading) => `${mark(`#h:${headingKey(heading)}`)}${heading}`);
  if (text.includes('[')) text = text.replace(/^[ \t]*[-*] \[[ xX]\]/gm, () => mark('#checkbox'));
  if (text.includes('`')) text = text.replace(/`([^`\n]{1,200})`/g, (_m, code: string) => `${mark('#icode')}${code}`);
  text = text.replace(/\bv?\d+(?:\.\d+){1,3}(?:-[\w.]+)?\b/g, () => mark('#version'));

  // One match() call: whole-match strings, no match object per token. A match starting with the
  // placeholder mark is a special (the mark is private-use: no other alternative matches it).
  const matches = text.match(TOKEN) ?? [];
  const tokens: string[] = new Array(matches.length);
  for (let i = 0; i < matches.length; i++) {
    const match = matches[i] as string;
    if (match.charCodeAt(0) === 0xe000) {
      tokens[i] = specials[Number(match.slice(1, -1))] as string;
    } else {
      const word = match.toLowerCase();
      tokens[i] = isDigits(word) ? '#num' : word.charCodeAt(0) >= 0xa9 && EMOJI.test(word) ? '#emoji' : word;
    }
  }
  return tokens;
}

/** `/^\d+$/` without a regex run per token (`\d` is ASCII digits). */
function isDigits(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return word.length > 0;
}

function headingKey(heading: string): string {
  const words = heading.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.slice(0, 6).join('_');
}

const TRACE_LINE =
  /^[ \t]*(?:at [\w$.<>[\] /\\-]+[ (][^\n]*:\d+|File "[^"\n]+", line \d+|Traceback \(most recent call last\)|#\d+ 0x[0-9a-f]+)/m;
const TRACE_LINES = new RegExp(`${TRACE_LINE.source}[^\\n]*$`, 'gm');
const TOKEN = /\uE000\d+\uE001|[\p{L}\p{M}\p{N}_]+(?:['’][\p{L}]+)*|[?!]|\p{Extended_Pictographic}/gu;
// Every Extended_Pictographic code point is ≥ U+00A9, so words starting lower skip the test.
const EMOJI = /^\p{Extended_Pictographic}$/u;
