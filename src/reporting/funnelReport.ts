import type { DayCounts } from './statsStore';
import { WAIT_BUCKETS } from './statsStore';

export interface FunnelRow {
  week: string;
  language: string;
  started: number;
  consented: number;
  intakeCompleted: number;
  outcomes: Record<string, number>;
  /** How mentors closed conversations (helped, referred, follow-up, …), counted on the day of the close. */
  closeOutcomes: Record<string, number>;
  mentorAsked: number;
  mentorTook: number;
  ratings: number;
  ratingAverage: number | null;
  waitAverageSeconds: number | null;
  waitBuckets: Record<string, number>;
  /** What people said of the FAQ answers, per topic: tapped helpful, tapped not helpful. */
  faqFeedback: Record<string, { helpful: number; notHelpful: number }>;
}

/** ISO week of a UTC date, e.g. "2026-W48". */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86400000); // the week's Thursday
  const january4 = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4)); // always in week 1
  const week = 1 + Math.round(((thursday.getTime() - january4.getTime()) / 86400000 - 3 + ((january4.getUTCDay() + 6) % 7)) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function row(week: string, language: string, c: DayCounts): FunnelRow {
  const counted = (prefix: string) => Object.fromEntries(Object.entries(c).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  const outcomes = counted('outcome:');
  const rated = c.rated ?? 0;
  const waits = c.waitCount ?? 0;
  return {
    week,
    language,
    started: c.started ?? 0,
    consented: c.consented ?? 0,
    intakeCompleted: c.intakeCompleted ?? 0,
    outcomes,
    closeOutcomes: counted('closed:'),
    mentorAsked: c.mentorAsked ?? 0,
    mentorTook: c.mentorTook ?? 0,
    ratings: rated,
    ratingAverage: rated ? Math.round(((c.ratingSum ?? 0) / rated) * 100) / 100 : null,
    waitAverageSeconds: waits ? Math.round((c.waitSum ?? 0) / waits) : null,
    waitBuckets: Object.fromEntries(WAIT_BUCKETS.map(([b]) => [b, c[`wait:${b}`] ?? 0])),
    faqFeedback: faqFeedback(c),
  };
}

/** "faq:<topic>:helpful" and "faq:<topic>:notHelpful" counts, per topic. */
function faqFeedback(c: DayCounts): FunnelRow['faqFeedback'] {
  const byTopic: FunnelRow['faqFeedback'] = {};
  for (const [key, value] of Object.entries(c)) {
    const match = /^faq:(.+):(helpful|notHelpful)$/.exec(key);
    if (!match) continue;
    const counts = (byTopic[match[1]] ??= { helpful: 0, notHelpful: 0 });
    counts[match[2] as 'helpful' | 'notHelpful'] += value;
  }
  return byTopic;
}

function add(into: DayCounts, from: DayCounts): DayCounts {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
  return into;
}

/** The funnel by week and language, and in total, from the day counts. */
export function funnelReport(days: Map<string, Map<string, DayCounts>>) {
  const byWeekLanguage = new Map<string, DayCounts>();
  const total: DayCounts = {};
  const languages = new Set<string>();
  const weeks = new Set<string>();
  for (const [day, byLanguage] of days) {
    const week = isoWeek(day);
    weeks.add(week);
    for (const [language, counts] of byLanguage) {
      languages.add(language);
      const key = `${week}|${language}`;
      add(byWeekLanguage.get(key) ?? byWeekLanguage.set(key, {}).get(key)!, counts);
      add(total, counts);
    }
  }
  const rows = [...byWeekLanguage].map(([key, counts]) => row(key.split('|')[0], key.split('|')[1], counts)).sort((a, b) => a.week.localeCompare(b.week) || a.language.localeCompare(b.language));
  const { week: _w, language: _l, ...totals } = row('', '', total);
  return { weeks: [...weeks].sort(), languages: [...languages].sort(), rows, totals };
}

const CSV_COLUMNS = ['week', 'language', 'started', 'consented', 'intakeCompleted', 'mentorAsked', 'mentorTook', 'ratings', 'ratingAverage', 'waitAverageSeconds'] as const;

/** The report as CSV for spreadsheets: one row per week and language, outcomes and close outcomes as columns. */
export function funnelCsv(report: ReturnType<typeof funnelReport>): string {
  const outcomes = [...new Set(report.rows.flatMap((r) => Object.keys(r.outcomes)))].sort();
  const closes = [...new Set(report.rows.flatMap((r) => Object.keys(r.closeOutcomes)))].sort();
  const header = [...CSV_COLUMNS, ...outcomes.map((o) => `outcome:${o}`), ...closes.map((o) => `closed:${o}`)];
  const lines = report.rows.map((r) => [...CSV_COLUMNS.map((c) => r[c] ?? ''), ...outcomes.map((o) => r.outcomes[o] ?? 0), ...closes.map((o) => r.closeOutcomes[o] ?? 0)].join(','));
  return `${[header.join(','), ...lines].join('\n')}\n`;
}
