import type { Journey } from '../domain/journey';
import type { Language } from '../domain/language';
import { municipalityByName } from '../domain/municipalities';
import type { PersonRecord } from '../domain/person';
import { lastAsk, type PartnerFile } from '../domain/partnerSteps';
import type { Translator } from '../i18n/translator';

/** The motivation in the summary: the person's own words, cut to this many characters. */
export const SUMMARY_MOTIVATION_LENGTH = 500;

/** One line of the summary: a label and a value (both plain text). */
export interface SummaryLine {
  label: string;
  value: string;
}

export interface PartnerSummary {
  title: string;
  lines: SummaryLine[];
  footer: string;
}

/**
 * What VIT shares with a partner, only after the person said yes to that partner: their first name,
 * the language they chat in, their Dutch and English levels, their province (not the town), their
 * track (the intake's result), their motivation in their own words, and the dates of first contact,
 * selection and consent. Nothing else: no phone number or chat id, no residence status, no age, no
 * mentors' notes. Undefined when the person did not say yes to `partnerId`.
 */
export function partnerSummary(
  input: { record: PersonRecord | undefined; journey: Journey | undefined; file: PartnerFile | undefined; partnerId: string; partnerName: string },
  translator: Translator,
  lng: Language,
): PartnerSummary | undefined {
  const ask = lastAsk(input.file, input.partnerId);
  if (!ask || ask.answer !== 'yes') return undefined;
  const t = (key: string, vars?: Record<string, unknown>) => translator.t(lng, `partners:summary.${key}`, vars);
  const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : t('unknown'));
  const answers = input.record?.intake?.answers ?? {};
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : t('unknown'));
  // A CEFR level is the same in every language; "none" and "I don't know" are said in words, as in the intake.
  const level = (v: unknown) => (v === 'none' || v === 'dontKnow' ? translator.t(lng, `intake:levels.${v}`) : text(v));
  const municipality = typeof answers.municipality === 'string' ? municipalityByName(answers.municipality) : undefined;
  const outcome = input.record?.assessment?.outcome;
  const motivation = typeof answers.motivation === 'string' && answers.motivation.trim() ? answers.motivation.trim().slice(0, SUMMARY_MOTIVATION_LENGTH) : t('unknown');
  const selected = input.journey?.moves.find((m) => m.to === 'selected')?.at;
  const chatLanguage = input.record?.language;
  return {
    title: t('title', { partner: input.partnerName }),
    lines: [
      { label: t('firstName'), value: text(answers.firstName) },
      { label: t('chatLanguage'), value: chatLanguage ? translator.t(lng, `language:names.${chatLanguage}`) : t('unknown') },
      { label: t('dutch'), value: level(answers.dutchLevel) },
      { label: t('english'), value: level(answers.englishLevel) },
      { label: t('region'), value: municipality?.province ?? t('unknown') },
      { label: t('track'), value: outcome ? t(`tracks.${outcome}`) : t('unknown') },
      { label: t('motivation'), value: motivation },
      { label: t('firstContact'), value: day(input.record?.startedAt ?? input.journey?.startedAt) },
      { label: t('selected'), value: day(selected) },
      { label: t('consent'), value: day(ask.answeredAt) },
    ],
    footer: t('footer'),
  };
}

/** As Markdown (also plain text to copy). */
export function summaryMarkdown(summary: PartnerSummary): string {
  const clean = (s: string) => s.replace(/[\r\n]+/g, ' ');
  return [`# ${clean(summary.title)}`, '', ...summary.lines.map((l) => `- **${clean(l.label)}:** ${clean(l.value)}`), '', clean(summary.footer), ''].join('\n');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * As a small HTML page (every value escaped), as wide as the screen. Each value is isolated in its line
 * (a Latin level or date keeps its own direction) but stands where the page's direction puts it: in
 * Arabic under its label on the right, not on the far left as a whole line of its own direction would.
 */
export function summaryHtml(summary: PartnerSummary, lng: Language, rtl: boolean): string {
  return [
    '<!doctype html>',
    `<html lang="${lng}" dir="${rtl ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(summary.title)}</title></head><body>`,
    `<h1>${escapeHtml(summary.title)}</h1>`,
    '<dl>',
    ...summary.lines.map((l) => `<dt>${escapeHtml(l.label)}</dt><dd><bdi>${escapeHtml(l.value)}</bdi></dd>`),
    '</dl>',
    `<p>${escapeHtml(summary.footer)}</p>`,
    '</body></html>',
    '',
  ].join('\n');
}
