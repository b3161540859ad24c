import { isMap, isScalar, parseDocument, type YAMLMap } from 'yaml';
import type { ForwardingConfig } from './forwarding-config.js';
import { ForwardingConfigError } from './forwarding-config-error.js';
import { parseForwardingConfig } from './parse-forwarding-config.js';
import type { RolloutTarget } from './parse-rollout-target.js';

/** The outcome of an edit: the new file text, already validated, and the config it parses to. */
export interface ForwardingEdit {
  text: string;
  config: ForwardingConfig;
}

/**
 * Sets one probability in the text of `forwarded_repo.yaml`: an existing entry's value is replaced in
 * place (its position from the `yaml` parser), a new one is added through the Document API, so
 * comments, key order and the other entries stay as they were. An existing entry is matched
 * case-insensitively (GitHub names are). The edited text is validated with
 * {@link parseForwardingConfig} before it is returned, so nothing invalid is ever written (and an
 * invalid file can be repaired by setting the entry that was wrong).
 */
export function setForwardingProbability(
  text: string,
  target: RolloutTarget,
  probability: number,
  source = 'forwarded_repo.yaml',
): ForwardingEdit {
  const document = parseDocument(text);
  if (document.errors.length > 0) throw new ForwardingConfigError(source, [document.errors[0]?.message ?? 'invalid']);
  if (document.contents === null) document.contents = document.createNode({}) as never;
  const section = document.get(target.section);
  const pair = isMap(section) ? findEntry(section, target.name) : undefined;
  const range = pair && isScalar(pair.value) ? pair.value.range : undefined;
  if (range) {
    // An existing entry: only its value's characters change, so every other byte (comments, alignment, how
    // the other numbers are written, line endings) stays as it was and the diff is that one value.
    const edited = `${text.slice(0, range[0])}${probability}${text.slice(range[1])}`;
    return { text: edited, config: parseForwardingConfig(edited, source) };
  }
  if (!isMap(section)) {
    document.set(target.section, document.createNode({ [target.name]: probability }));
  } else {
    // `orgs: {}` is flow style; an entry added to it should read like the rest of the file.
    if (section.flow && section.items.length === 0) section.flow = false;
    section.set(target.name, probability);
  }
  const edited = document.toString();
  return { text: edited, config: parseForwardingConfig(edited, source) };
}

function findEntry(section: YAMLMap, name: string) {
  const wanted = name.toLowerCase();
  return section.items.find((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key).toLowerCase() === wanted);
}
