// @ts-check
/**
 * @typedef {{ op: string, args: string, flags: Record<string, string>, line: number }} Instruction
 * @typedef {{ name: string, base: string, line: number, instructions: Instruction[], dependsOn: string[] }} Stage
 * @typedef {{ args: Record<string, string | undefined>, stages: Stage[] }} Dockerfile
 */

/**
 * Parses a Dockerfile into global ARGs and stages (the subset of the syntax our Dockerfiles use:
 * line continuations, comments, `--flag=value` options, heredocs refused). Each stage lists the
 * earlier stages it uses (`dependsOn`: its FROM, by name, and its COPY --from, by name or index).
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
      // BuildKit lowercases stage names, and looks them up (FROM, COPY --from, --target) lowercased.
      const name = from[2]?.toLowerCase() ?? String(stages.length);
      if (stages.some((stage) => stage.name === name)) throw new Error(`${file}:${line}: duplicate stage name ${name}`);
      stages.push({ name, base: from[1], line, instructions: [], dependsOn: [] });
    } else if (stages.length === 0) {
      if (op !== 'ARG') throw new Error(`${file}:${line}: ${op} before the first FROM`);
      const [name, value] = splitAssignment(rest);
      args[name] = value;
    } else {
      stages[stages.length - 1].instructions.push({ op, args: rest, flags, line });
    }
  }
  if (stages.length === 0) throw new Error(`${file}: no FROM`);
  stages.forEach((stage, index) => {
    const earlier = stages.slice(0, index);
    const base = expand(stage.base, args).toLowerCase();
    const used = [
      earlier.find((other) => other.name === base)?.name,
      ...stage.instructions
        .filter((i) => i.op === 'COPY' && i.flags.from)
        .map((i) => stageReference(i.flags.from, earlier)?.name),
    ];
    for (const name of used) if (name !== undefined && !stage.dependsOn.includes(name)) stage.dependsOn.push(name);
  });
  return { args, stages };
}

/**
 * The stages a build of `target` runs, in file order: the target and, transitively, the stages its
 * FROM and COPY --from use; BuildKit skips the others (the other final stages among them). Without a
 * target, Docker builds the last stage.
 * @param {Dockerfile} dockerfile
 * @param {string} [target]
 * @param {string} [file] named in errors
 * @returns {Stage[]}
 */
export function stagesForTarget(dockerfile, target, file = 'Dockerfile') {
  const { stages } = dockerfile;
  const last =
    target === undefined ? stages[stages.length - 1] : stages.find((stage) => stage.name === target.toLowerCase());
  if (!last) {
    throw new Error(`${file}: no stage named '${target}' (stages: ${stages.map((s) => s.name).join(', ')})`);
  }
  const needed = new Set([last.name]);
  for (let index = stages.indexOf(last); index >= 0; index--) {
    if (needed.has(stages[index].name)) for (const name of stages[index].dependsOn) needed.add(name);
  }
  return stages.filter((stage) => needed.has(stage.name));
}

/**
 * The final stages, i.e. the images a Dockerfile describes: those no other stage uses.
 * @param {Dockerfile} dockerfile
 * @returns {string[]}
 */
export function finalStages(dockerfile) {
  const used = new Set(dockerfile.stages.flatMap((stage) => stage.dependsOn));
  return dockerfile.stages.map((stage) => stage.name).filter((name) => !used.has(name));
}

/**
 * The earlier stage a COPY --from names (by name, in any case, or by index as Docker allows); undefined
 * for an image.
 * @param {string} reference
 * @param {Stage[]} earlier the stages before the referring one
 */
export function stageReference(reference, earlier) {
  return (
    earlier.find((stage) => stage.name === reference.toLowerCase()) ??
    (/^\d+$/.test(reference) ? earlier[Number(reference)] : undefined)
  );
}

/**
 * Substitutes `${NAME}` and `$NAME` (unset → empty, as Docker does).
 * @param {string} text
 * @param {Record<string, string | undefined>} vars
 */
export function expand(text, vars) {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a, b) => vars[a ?? b] ?? '');
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
