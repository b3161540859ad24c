/** `labelbot worker` — the Pub/Sub worker alone (what the worker image runs); configured by environment. */
export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      'usage: labelbot worker\nConfigured by environment (PUBSUB_PROJECT, MODEL_STORE_URL, GITHUB_APP_ID, …); see the README.\n',
    );
    return 0;
  }
  const { main } = await import('@labelbot/worker');
  return main(process.env);
}
