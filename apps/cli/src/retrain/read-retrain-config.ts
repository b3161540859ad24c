import { readFile } from 'node:fs/promises';
import { JSON_SCHEMA, load } from 'js-yaml';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';

/** retrain.yaml: the repositories the scheduled job rebuilds, retrains and publishes. */
export const RetrainConfigSchema = Type.Object(
  {
    repositories: Type.Array(
      Type.Object(
        {
          repo: Type.String({ pattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$' }),
          since: Type.Optional(Type.String()),
          minCount: Type.Optional(Type.Integer({ minimum: 1 })),
          exclude: Type.Optional(Type.Array(Type.String())),
          labels: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
          map: Type.Optional(Type.Record(Type.String(), Type.String())),
          precisionTarget: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);

export type RetrainConfig = Static<typeof RetrainConfigSchema>;

/** Reads and validates the config; errors name the file and the offending path. */
export async function readRetrainConfig(file: string): Promise<RetrainConfig> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${file}: cannot read (${error.code ?? error.message})`);
  });
  let value: unknown;
  try {
    // JSON_SCHEMA: plain data only, no tags that construct objects.
    value = load(text, { schema: JSON_SCHEMA, filename: file });
  } catch (error) {
    throw new Error(`${file}: malformed YAML: ${(error as Error).message}`);
  }
  const errors = [...Value.Errors(RetrainConfigSchema, value)].filter((e) => e.keyword !== 'boolean');
  if (errors.length > 0) {
    const lines = errors.slice(0, 5).map((e) => `  ${e.instancePath || '/'}: ${e.message}`);
    throw new Error(
      `${file}: not a valid retrain config (expected repositories: [{repo: owner/name, …}]):\n${lines.join('\n')}`,
    );
  }
  return value as RetrainConfig;
}
