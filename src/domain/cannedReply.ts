import type { Language } from './language';

/** Bounds on what staff write: a short title to pick it by, a text that fits one chat message. */
export const CANNED_TITLE_MAX = 80;
export const CANNED_TEXT_MAX = 1000;
/** More replies than this are no longer a list a mentor picks from. */
export const CANNED_REPLIES_MAX = 200;

/** One language's version of a canned reply. */
export interface CannedText {
  title: string;
  text: string;
}

/** A reply staff wrote once, in the languages they have it in; a mentor inserts it in the person's language. */
export interface CannedReply {
  id: string;
  texts: Partial<Record<Language, CannedText>>;
  updatedBy: string;
  updatedAt: string;
  createdAt: string;
  /** Goes up by one with every change, so two staff editing at once do not overwrite each other unseen. */
  version: number;
}
