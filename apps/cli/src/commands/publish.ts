/** `labelbot publish` — placeholder until its issue lands. */
export async function run(_args: string[]): Promise<number> {
  process.stderr.write('labelbot publish: not implemented yet\n');
  return 2;
}
