import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { Compile } from 'typebox/compile';
import type { TLocalizedValidationError } from 'typebox/error';
import type { ForwardingConfig } from './forwarding-config.js';
import { ForwardingConfigError } from './forwarding-config-error.js';
import { type ForwardingFile, ForwardingFileSchema } from './forwarding-schema.js';

const validator = Compile(ForwardingFileSchema);

const SECTIONS = ['orgs', 'repos'] as const;
const NAME_KIND = { orgs: 'organisation login', repos: 'owner/name' } as const;

/**
 * Parses `forwarded_repo.yaml` (`orgs: {login: p}`, `repos: {owner/name: p}`) with js-yaml's
 * core schema (no custom tags, no code). An empty file or empty section means no entries.
 * Throws a {@link ForwardingConfigError} naming every wrong key.
 */
export function parseForwardingConfig(text: string, source = 'forwarded_repo.yaml'): ForwardingConfig {
  let documents: unknown[];
  try {
    documents = loadAll(text, { schema: CORE_SCHEMA, filename: source, maxAliases: 0 });
  } catch (error) {
    throw new ForwardingConfigError(source, [`invalid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  if (documents.length > 1) throw new ForwardingConfigError(source, ['the file must hold a single YAML document']);
  const document = documents[0];
  if (document === null || document === undefined) return { orgs: {}, repos: {} };
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new ForwardingConfigError(source, ['the file must be a mapping with `orgs` and/or `repos`']);
  }
  const file: Record<string, unknown> = { ...document };
  for (const section of SECTIONS) if (file[section] === null) file[section] = {};
  if (!validator.Check(file)) {
    throw new ForwardingConfigError(source, describeErrors(validator.Errors(file)));
  }
  const valid = file as ForwardingFile;
  const config = { orgs: { ...valid.orgs }, repos: { ...valid.repos } };
  const duplicates = SECTIONS.flatMap((section) => findCaseDuplicates(section, Object.keys(config[section])));
  if (duplicates.length > 0) throw new ForwardingConfigError(source, duplicates);
  return config;
}

function describeErrors(errors: TLocalizedValidationError[]): string[] {
  const problems = new Set<string>();
  for (const error of errors) {
    const [section, name] = error.instancePath.split('/').slice(1).map(decodePointer);
    if (error.keyword === 'additionalProperties' && section === undefined) {
      for (const key of (error.params as { additionalProperties: string[] }).additionalProperties) {
        problems.add(`unknown key '${key}' (expected orgs, repos)`);
      }
    } else if (error.keyword === 'pattern' && error.schemaPath.endsWith('propertyNames') && name !== undefined) {
      problems.add(`${section}: '${name}' is not a well-formed ${NAME_KIND[section as keyof typeof NAME_KIND]}`);
    } else if (section !== undefined && name !== undefined && error.keyword !== 'propertyNames') {
      problems.add(`${section}.${name}: the probability must be a number in [0, 1]`);
    } else if (section !== undefined && name === undefined && error.keyword === 'type') {
      problems.add(`${section}: must be a mapping of name to probability`);
    }
  }
  return problems.size > 0 ? [...problems] : errors.map((error) => `${error.instancePath || '/'} ${error.message}`);
}

function findCaseDuplicates(section: string, names: string[]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const name of names) {
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) problems.push(`${section}: '${earlier}' and '${name}' name the same entry`);
    else seen.set(name.toLowerCase(), name);
  }
  return problems;
}

function decodePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}
