import { normalizeText } from './normalizeText';

/**
 * A pattern that finds any of `entries` as whole words in normalized text (see normalizeText). An
 * entry may be several words ("is er"); a `*` in an entry stands for any letters of the same word,
 * for languages that attach a particle to the word ("*ዶ", "ኣይ*ን", "نمی*").
 * With `leads`, the entry must open the text, after at most one of those words ("and how …").
 */
export function wordPattern(entries: readonly string[], leads?: readonly string[]): RegExp {
  const alternatives = [...new Set(entries.map(entryPattern).filter(Boolean))];
  if (alternatives.length === 0) return /(?!)/;
  const body = `(?:${alternatives.join('|')})(?= |$)`;
  if (!leads) return new RegExp(`(?:^| )${body}`, 'u');
  const lead = [...new Set(leads.map(entryPattern).filter(Boolean))].join('|');
  return new RegExp(`^ *(?:(?:${lead}) )?${body}`, 'u');
}

function entryPattern(entry: string): string {
  const parts = entry.split('*').map((part) => escape(normalizeText(part)));
  if (parts.every((p) => p === '')) return '';
  return parts.join('\\S*');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
