import { createStoreBackend, type StoreBackend } from '@labelbot/store';

/** The store backend for a URL; STORAGE_EMULATOR_HOST (a GCS stand-in or emulator) is honoured for gs://. */
export function openStore(url: string, env: Record<string, string | undefined>): StoreBackend {
  const emulator = env.STORAGE_EMULATOR_HOST;
  const apiEndpoint = emulator ? (emulator.startsWith('http') ? emulator : `http://${emulator}`) : undefined;
  return createStoreBackend(url, apiEndpoint ? { apiEndpoint } : {});
}
