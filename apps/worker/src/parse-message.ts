import type { ReceivedMessage } from '@labelbot/queue';

/** The part of a compiled TypeBox schema a message is checked with. */
interface MessageValidator<T> {
  Check(value: unknown): value is T;
  Errors(value: unknown): Iterable<{ instancePath: string; message: string }>;
}

/** A message's JSON data checked against its schema, or what is wrong with it (the first three problems). */
export function parseMessage<T>(
  message: ReceivedMessage,
  validator: MessageValidator<T>,
): { value: T } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(message.data.toString('utf8'));
  } catch (error) {
    return { problem: `not JSON: ${(error as Error).message}` };
  }
  if (validator.Check(data)) return { value: data };
  const first = [...validator.Errors(data)].slice(0, 3);
  return { problem: first.map((error) => `${error.instancePath || '/'} ${error.message}`).join('; ') };
}
