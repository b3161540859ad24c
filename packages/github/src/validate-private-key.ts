import { createPrivateKey } from 'node:crypto';

/** A GitHub App setting that cannot work; the message says how to fix it. */
export class GitHubAppConfigError extends Error {
  override name = 'GitHubAppConfigError';
}

const HOW_TO_FIX =
  'Set GITHUB_PRIVATE_KEY to the full PEM downloaded from the App settings page ' +
  '(from -----BEGIN RSA PRIVATE KEY----- to -----END RSA PRIVATE KEY-----, newlines kept or written as \\n), ' +
  'or set GITHUB_PRIVATE_KEY_PATH to the .pem file.';

/**
 * Checks the App's private key at start-up, so a bad PEM stops the process with a fix instead of failing
 * on the first webhook. Accepts `\n`-escaped newlines (as env files carry them); returns the usable PEM.
 */
export function validatePrivateKey(pem: string | undefined): string {
  const text = (pem ?? '').replace(/\\n/g, '\n').trim();
  if (!text) throw new GitHubAppConfigError(`The GitHub App private key is empty. ${HOW_TO_FIX}`);
  if (!text.includes('-----BEGIN')) {
    throw new GitHubAppConfigError(`The GitHub App private key is not a PEM (no -----BEGIN line). ${HOW_TO_FIX}`);
  }
  if (/^-----BEGIN [A-Z ]+-----$/.test(text)) {
    throw new GitHubAppConfigError(
      `The GitHub App private key holds only its first line; an env file probably cut it at the first newline. ${HOW_TO_FIX}`,
    );
  }
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(text);
  } catch (error) {
    throw new GitHubAppConfigError(
      `The GitHub App private key cannot be read (${(error as Error).message}). ${HOW_TO_FIX}`,
    );
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new GitHubAppConfigError(
      `The GitHub App private key is ${key.asymmetricKeyType ?? 'not asymmetric'}, but GitHub Apps sign with RSA. ${HOW_TO_FIX}`,
    );
  }
  return `${text}\n`;
}
