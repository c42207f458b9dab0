import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PROJECT_ROOT } from '../projectRoot';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/** Why a chosen password is refused (see passwordProblemOf). */
export type PasswordProblem = 'too-short' | 'too-long' | 'common';

let common: Set<string> | undefined;

/**
 * Passwords people pick most: the ~49,000 of zxcvbn-ts's common list (from leaked password corpora),
 * plus a few local ones in common-passwords-nl.txt; compared in lower case.
 */
function commonPasswords(): Set<string> {
  if (common) return common;
  const local = readFileSync(path.join(PROJECT_ROOT, 'src/accounts/common-passwords-nl.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  common = new Set([...dictionary['passwords-common'], ...local].map((p) => p.toLowerCase()));
  return common;
}

/**
 * The password rules (NIST SP 800-63B): at least 12 characters, not one of the common passwords; no
 * composition rules. undefined when the password is fine.
 */
export function passwordProblemOf(password: string): PasswordProblem | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too-short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'too-long';
  if (commonPasswords().has(password.toLowerCase())) return 'common';
  return undefined;
}
