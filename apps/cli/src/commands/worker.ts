/** `labelbot worker` — placeholder until its issue lands. */
export async function run(_args: string[]): Promise<number> {
  process.stderr.write('labelbot worker: not implemented yet\n');
  return 2;
}
