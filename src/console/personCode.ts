import type { Pseudonymizer } from '../logger';

/**
 * A short stable name for a person who gave no first name ("FD1"): the start of a keyed digest of who
 * they are (never their id, which may be a phone number). The mentor lists and the staff pages show the
 * same code for the same person.
 */
export function personCode(pseudonym: Pseudonymizer, channelId: string, userId: string): string | undefined {
  return pseudonym(`${channelId}/${userId}`)?.slice(0, 3).toUpperCase();
}
