import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/** RFC 6238 with what every authenticator app reads: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30;
const ISSUER = 'VIT Wegwijzer';

const totpFor = (secret: string, label = '') => new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD });

/** A new random secret (160 bits, as RFC 4226 advises), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secret: string, username: string): string {
  return totpFor(secret, username).toString();
}

/** The QR code of that address as an SVG document (no scripts or styles: the console inserts it as markup). */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}

/**
 * The time step a code belongs to, allowing one step of clock difference either way; undefined for a
 * wrong code. The caller refuses a step already used (a code is good for one sign-in).
 */
export function totpStep(secret: string, code: string, now: Date): number | undefined {
  const delta = totpFor(secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return undefined;
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}
