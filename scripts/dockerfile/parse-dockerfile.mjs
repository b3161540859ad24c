// @ts-check
/**
 * @typedef {{ op: string, args: string, flags: Record<string, string>, line: number }} Instruction
 * @typedef {{ name: string, base: string, line: number, instructions: Instruction[] }} Stage
 * @typedef {{ args: Record<string, string | undefined>, stages: Stage[] }} Dockerfile
 */

/**
 * Parses a Dockerfile into global ARGs and stages (the subset of the syntax our Dockerfiles use:
 * line continuations, comments, `--flag=value` options, heredocs refused).
 * @param {string} text
 * @param {string} [file] named in errors
 * @returns {Dockerfile}
 */
export function parseDockerfile(text, file = 'Dockerfile') {
  /** @type {Record<string, string | undefined>} */
  const args = {};
  /** @type {Stage[]} */
  const stages = [];
  for (const { line, body } of logicalLines(text)) {
    const match = /^(\w+)\s+([\s\S]*)$/.exec(body);
    if (!match) throw new Error(`${file}:${line}: cannot parse '${body}'`);
    const op = match[1].toUpperCase();
    let rest = match[2].trim();
    if (rest.includes('<<')) throw new Error(`${file}:${line}: heredocs are not supported by the replay`);
    /** @type {Record<string, string>} */
    const flags = {};
    while (op !== 'RUN' && rest.startsWith('--')) {
      const flag = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest);
      if (!flag) break;
      flags[flag[1]] = flag[2] ?? 'true';
      rest = rest.slice(flag[0].length);
    }
    if (op === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      if (!from) throw new Error(`${file}:${line}: cannot parse FROM '${rest}'`);
      stages.push({ name: from[2] ?? String(stages.length), base: from[1], line, instructions: [] });
    } else if (stages.length === 0) {
      if (op !== 'ARG') throw new Error(`${file}:${line}: ${op} before the first FROM`);
      const [name, value] = splitAssignment(rest);
      args[name] = value;
    } else {
      stages[stages.length - 1].instructions.push({ op, args: rest, flags, line });
    }
  }
  if (stages.length === 0) throw new Error(`${file}: no FROM`);
  return { args, stages };
}

/**
 * `NAME=value` or `NAME` → [name, value | undefined]; surrounding double quotes are removed.
 * @param {string} text
 * @returns {[string, string | undefined]}
 */
export function splitAssignment(text) {
  const index = text.indexOf('=');
  if (index < 0) return [text.trim(), undefined];
  return [
    text.slice(0, index).trim(),
    text
      .slice(index + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1'),
  ];
}

/**
 * Joins `\` continuations, drops comments and blank lines, keeps the first line number.
 * @param {string} text
 */
function* logicalLines(text) {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let body = lines[i];
    if (/^\s*(#.*)?$/.test(body)) continue;
    while (/\\\s*$/.test(body) && i + 1 < lines.length) {
      body = body.replace(/\\\s*$/, '');
      i++;
      if (!/^\s*#/.test(lines[i])) body += lines[i];
    }
    yield { line: start, body: body.trim() };
  }
}
