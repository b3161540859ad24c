import { createPublicKey, generateKeyPairSync, type KeyObject, randomBytes, verify } from 'node:crypto';

/** Why a credential was refused, in GitHub's words where GitHub has them. */
export class AuthFailure extends Error {}

export interface AppKeys {
  privateKeyPem: string;
  publicKey: KeyObject;
}

/** A fresh RSA key pair per stand-in, PKCS#1 like the PEM GitHub lets you download; never stored on disk. */
export function generateAppKeys(): AppKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKey: createPublicKey(publicKey) };
}

const decodeSegment = (segment: string): Record<string, unknown> => {
  const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null) throw new AuthFailure('A JSON web token could not be decoded');
  return parsed as Record<string, unknown>;
};

/**
 * Checks an App JWT the way GitHub does: RS256, signed by the App's key, `iss` = app id,
 * `iat` not in the future (60 s skew), `exp` in the future and at most 10 minutes after `iat`.
 */
export function verifyAppJwt(jwt: string, appId: number, publicKey: KeyObject, nowMs: number): void {
  const parts = jwt.split('.');
  if (parts.length !== 3) throw new AuthFailure('A JSON web token could not be decoded');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = decodeSegment(headerPart);
    payload = decodeSegment(payloadPart);
  } catch {
    throw new AuthFailure('A JSON web token could not be decoded');
  }
  if (header.alg !== 'RS256') throw new AuthFailure(`JWT algorithm ${String(header.alg)} is not RS256`);
  const signed = verify(
    'RSA-SHA256',
    Buffer.from(`${headerPart}.${payloadPart}`),
    publicKey,
    Buffer.from(signaturePart, 'base64url'),
  );
  if (!signed) throw new AuthFailure("A JSON web token could not be decoded (signature does not match the App's key)");
  if (String(payload.iss) !== String(appId))
    throw new AuthFailure(`'Issuer' claim ('iss') must be the App id ${appId}`);
  const now = Math.floor(nowMs / 1000);
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || iat > now + 60) {
    throw new AuthFailure(
      "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
    );
  }
  if (typeof exp !== 'number' || exp <= now) {
    throw new AuthFailure(
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    );
  }
  if (exp - iat > 600) throw new AuthFailure("'Expiration time' claim ('exp') is too far in the future");
}

export interface InstallationToken {
  token: string;
  installationId: number;
  expiresAtMs: number;
}

/** Installation tokens the stand-in has issued, as GitHub's opaque `ghs_…` strings. */
export class TokenBook {
  private readonly tokens = new Map<string, InstallationToken>();
  issued = 0;

  issue(installationId: number, nowMs: number, ttlMs: number): InstallationToken {
    const token = { token: `ghs_${randomBytes(18).toString('hex')}`, installationId, expiresAtMs: nowMs + ttlMs };
    this.tokens.set(token.token, token);
    this.issued++;
    return token;
  }

  /** The installation a live token belongs to, or an AuthFailure ('Bad credentials', as GitHub says). */
  check(token: string, nowMs: number): InstallationToken {
    const found = this.tokens.get(token);
    if (!found || found.expiresAtMs <= nowMs) throw new AuthFailure('Bad credentials');
    return found;
  }

  revokeInstallation(installationId: number): void {
    for (const [key, token] of this.tokens) if (token.installationId === installationId) this.tokens.delete(key);
  }

  expireAll(): void {
    for (const token of this.tokens.values()) token.expiresAtMs = 0;
  }
}
