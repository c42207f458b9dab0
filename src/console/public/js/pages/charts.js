// @ts-check

import { FUNNEL_STEPS, LANGUAGE_COLORS, LANGUAGE_NAMES, OTHER_COLOR, OUTCOMES } from '../constants.js';
import { el, svgEl } from '../dom.js';
import { ui } from '../elements.js';
import { count, formatNumber, formatPercent, formatSeconds, valueText } from '../format.js';
import { t } from '../texts.js';

/**
 * @typedef {import('../../../consoleApi').StatsRow} StatsRow
 * @typedef {Pick<StatsRow, 'started' | 'consented' | 'intakeCompleted' | 'outcomes' | 'mentorAsked' | 'mentorTook' | 'ratings' | 'ratingAverage' | 'waitAverageSeconds'>} Sums rows added up (the totals have these too)
 * @typedef {{ key: string, label: string, value: number, fill: string }} Bar
 * @typedef {{ key: string, label: string, bars: Bar[] }} BarGroup
 */

/** The value of one funnel step in a stats row ('outcomes.eligible' reads row.outcomes.eligible). */
/** @param {Partial<Sums> | undefined} row @param {string} field */
export function stepValue(row, field) {
  if (field.startsWith('outcomes.')) return count(row && row.outcomes && row.outcomes[field.slice('outcomes.'.length)]);
  return count(row && /** @type {Record<string, unknown>} */ (row)[field]);
}

/** @param {string} step */
export function stepLabel(step) {
  return OUTCOMES.includes(step) ? t('stats.steps.outcome', { outcome: t(`outcomes.${step}`) }) : t(`stats.steps.${step}`);
}

/** A horizontal bar, drawn in SVG, as wide as fraction (0…1) of the track; the numbers are beside it in text. */
/** @param {number} fraction */
export function barSvg(fraction) {
  const width = Math.max(0, Math.min(1, fraction)) * 100;
  return svgEl(
    'svg',
    { class: 'bar', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' },
    svgEl('rect', { class: 'bar-track', x: 0, y: 0, width: 100, height: 10 }),
    width > 0 ? svgEl('rect', { class: 'bar-fill', x: 0, y: 0, width: Math.max(width, 0.75), height: 10 }) : null,
  );
}

/** @param {{ testId: string, attrs?: Record<string, string>, label: string, value: number, max: number, percentOf?: number | null, extraClass?: string }} row */
export function barRow({ testId, attrs = {}, label, value, max, percentOf = null, extraClass = '' }) {
  const fraction = max > 0 ? value / max : 0;
  return el(
    'li',
    { class: `bar-row ${extraClass}`.trim(), 'data-testid': testId, 'data-count': String(value), ...attrs },
    el('span', { class: 'bar-label' }, label),
    barSvg(fraction),
    el(
      'span',
      { class: 'bar-value' },
      el('strong', {}, formatNumber(value)),
      percentOf !== null ? el('span', { class: 'muted' }, percentOf > 0 ? formatPercent(value / percentOf) : '–') : null,
    ),
  );
}

/** mentorTook per week, stacked by language, as an SVG bar chart, with the same numbers in a table below. */
/** @param {StatsRow[]} rows @param {string[]} weeks @param {string[]} languages */
export function renderWeekChart(rows, weeks, languages) {
  const langs = languages.length ? languages : [...new Set(rows.map((row) => row.language).filter(Boolean))];
  /** @param {string} week @param {string} lang */
  const value = (week, lang) =>
    rows.filter((row) => row.week === week && row.language === lang).reduce((sum, row) => sum + count(row.mentorTook), 0);
  const table = weeks.map((week) => langs.map((lang) => value(week, lang)));
  const weekTotals = table.map((values) => values.reduce((a, b) => a + b, 0));
  if (!weeks.length) {
    ui.byWeek.replaceChildren(el('p', { class: 'muted' }, t('stats.empty')));
    return;
  }

  const longestLabel = Math.max(...weeks.map((week) => weekLabel(week).length));
  const step = Math.max(44, longestLabel * 7 + 14);
  const niceMax = Math.max(1, ...weekTotals);
  const { svg, y, left, width, height } = barChartFrame({ slots: weeks.length, step, top: 12, max: niceMax, label: t('stats.byWeek') });
  const ticks = [...new Set([0, Math.round(niceMax / 2), niceMax])];
  for (const tick of ticks) {
    svg.append(
      svgEl('line', { class: 'grid', x1: left, x2: width - 4, y1: y(tick), y2: y(tick) }),
      svgEl('text', { class: 'axis', x: left - 6, y: y(tick) + 4, 'text-anchor': 'end', text: formatNumber(tick) }),
    );
  }
  const labelEvery = Math.ceil(weeks.length / 12);
  weeks.forEach((week, i) => {
    const x = left + i * step + 8;
    let base = 0;
    langs.forEach((lang, j) => {
      const v = table[i][j];
      if (!v) return;
      svg.append(
        svgEl(
          'rect',
          { class: 'stack', x, y: y(base + v), width: step - 16, height: y(base) - y(base + v), fill: LANGUAGE_COLORS[lang] || OTHER_COLOR, 'data-lang': lang },
          svgEl('title', { text: `${weekLabel(week)} · ${LANGUAGE_NAMES.get(lang) || lang}: ${formatNumber(v)}` }),
        ),
      );
      base += v;
    });
    if (weekTotals[i]) {
      svg.append(svgEl('text', { class: 'bar-total', x: x + (step - 16) / 2, y: y(weekTotals[i]) - 3, 'text-anchor': 'middle', text: formatNumber(weekTotals[i]) }));
    }
    if (i % labelEvery === 0) {
      svg.append(svgEl('text', { class: 'axis', x: x + (step - 16) / 2, y: height - 8, 'text-anchor': 'middle', text: weekLabel(week) }));
    }
  });

  const legend = languageLegend(langs);

  const numbers = el(
    'table',
    { class: 'data compact', 'data-testid': 'by-week-table' },
    el('caption', { class: 'sr-only' }, t('stats.byWeek')),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, t('stats.week')),
        // The name is isolated in <bdi>, not the cell: a dir on the cell would put an Arabic header at the far side of its numbers.
        langs.map((lang) => el('th', { scope: 'col', 'data-lang': lang }, el('bdi', { lang }, LANGUAGE_NAMES.get(lang) || lang))),
        el('th', { scope: 'col' }, t('stats.total')),
      ),
    ),
    el(
      'tbody',
      {},
      weeks.map((week, i) =>
        el(
          'tr',
          { 'data-week': week },
          el('th', { scope: 'row' }, weekLabel(week)),
          table[i].map((v) => el('td', {}, formatNumber(v))),
          el('td', { class: 'total' }, formatNumber(weekTotals[i])),
        ),
      ),
    ),
  );

  ui.byWeek.replaceChildren(
    el('div', { class: 'chart-box', tabindex: 0 }, svg),
    legend,
    el('div', { class: 'table-scroll', tabindex: '0', 'aria-label': t('stats.byWeek') }, numbers),
  );
}

/**
 * A bar chart in SVG: groups along the bottom, in each group one bar per entry (a language's colour),
 * the value above each bar. Bars whose value is null are left out; the same numbers are in the tables.
 */
/** @param {{ testId: string, label: string, groups: BarGroup[], valueText: (value: number) => string }} chart */
export function groupedBarChart({ testId, label, groups, valueText }) {
  const barsPerGroup = Math.max(1, ...groups.map((g) => g.bars.length));
  const bar = 18;
  const step = Math.max(56, barsPerGroup * bar + 16, ...groups.map((g) => g.label.length * 7 + 14));
  const max = Math.max(1, ...groups.flatMap((g) => g.bars.map((b) => b.value || 0)));
  const { svg, y, left, width, height } = barChartFrame({ slots: groups.length, step, top: 16, max, label, testId });
  svg.append(svgEl('line', { class: 'grid', x1: left, x2: width - 4, y1: y(0), y2: y(0) }));
  groups.forEach((group, i) => {
    const x0 = left + i * step + (step - group.bars.length * bar) / 2;
    group.bars.forEach((b, j) => {
      const x = x0 + j * bar;
      const h = Math.max(1, y(0) - y(b.value)); // a zero still shows as a line
      svg.append(
        svgEl(
          'rect',
          { class: 'stack', x, y: y(0) - h, width: bar - 2, height: h, fill: b.fill, 'data-group': group.key, 'data-key': b.key, 'data-value': String(b.value) },
          svgEl('title', { text: `${group.label} · ${b.label}: ${valueText(b.value)}` }),
        ),
        svgEl('text', { class: 'bar-total', x: x + (bar - 2) / 2, y: y(0) - h - 3, 'text-anchor': 'middle', text: valueText(b.value) }),
      );
    });
    svg.append(svgEl('text', { class: 'axis', x: left + i * step + step / 2, y: height - 8, 'text-anchor': 'middle', text: group.label }));
  });
  return el('div', { class: 'chart-box', tabindex: 0 }, svg);
}

/**
 * The frame of a bar chart: its size from the number and width of its slots, the scale from 0 to
 * `max`, and the svg. Its own size on a phone (the box scrolls sideways, the text stays readable);
 * wider on a laptop (CSS).
 */
/** @param {{ slots: number, step: number, top: number, max: number, label: string, testId?: string }} frame */
export function barChartFrame({ slots, step, top, max, label, testId }) {
  const left = 34;
  const bottom = 26;
  const height = 200;
  const width = Math.max(320, left + slots * step + 8);
  const plot = height - top - bottom;
  const y = (/** @type {number} */ v) => top + plot - (v / max) * plot;
  const svg = svgEl('svg', {
    class: 'week-chart',
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': label,
    direction: 'ltr',
    'data-testid': testId,
  });
  return { svg, y, left, width, height };
}

/** @param {string[]} langs */
export function languageLegend(langs) {
  return el(
    'ul',
    { class: 'legend' },
    langs.map((lang) =>
      el(
        'li',
        {},
        svgEl('svg', { class: 'swatch', viewBox: '0 0 10 10', 'aria-hidden': 'true', focusable: 'false' }, svgEl('rect', { width: 10, height: 10, fill: LANGUAGE_COLORS[lang] || OTHER_COLOR })),
        el('span', { lang, dir: 'auto' }, LANGUAGE_NAMES.get(lang) || lang),
      ),
    ),
  );
}

/** The funnel's main steps, a bar per language in each. */
/** @param {StatsRow[]} rows @param {string[]} languages */
export function renderFunnelByLanguage(rows, languages) {
  const langs = languages.length ? languages : [...new Set(rows.map((row) => row.language).filter(Boolean))];
  if (!langs.length) {
    ui.funnelByLanguage.replaceChildren(el('p', { class: 'muted' }, t('stats.empty')));
    return;
  }
  const sums = new Map(langs.map((lang) => [lang, addUp(rows.filter((row) => row.language === lang))]));
  const groups = FUNNEL_STEPS.filter(([step]) => !OUTCOMES.includes(step)).map(([step, field]) => ({
    key: step,
    label: stepLabel(step),
    bars: langs
      .map((lang) => ({ key: lang, label: LANGUAGE_NAMES.get(lang) || lang, value: stepValue(sums.get(lang), field), fill: LANGUAGE_COLORS[lang] || OTHER_COLOR }))
      .filter((b) => b.value > 0),
  }));
  ui.funnelByLanguage.replaceChildren(
    groupedBarChart({ testId: 'funnel-by-language-chart', label: t('stats.funnelByLanguage'), groups, valueText: formatNumber }),
    languageLegend(langs),
  );
}

/** The average wait for a mentor, per week and per language. */
/** @param {StatsRow[]} rows @param {string[]} weeks @param {string[]} languages */
export function renderWaitCharts(rows, weeks, languages) {
  const langs = languages.length ? languages : [...new Set(rows.map((row) => row.language).filter(Boolean))];
  const average = (/** @type {StatsRow[]} */ subset) => addUp(subset).waitAverageSeconds;
  /** @param {string} key @param {string} label @param {number} value @param {string} fill @returns {Bar} */
  const barOf = (key, label, value, fill) => ({ key, label, value: Math.round(value), fill });
  const byWeek = weeks
    .map((week) => ({ week, value: average(rows.filter((row) => row.week === week)) }))
    .filter((w) => typeof w.value === 'number')
    .map((w) => ({ key: w.week, label: weekLabel(w.week), bars: [barOf(w.week, t('stats.kpi.wait'), /** @type {number} */ (w.value), OTHER_COLOR)] }));
  const byLanguage = langs
    .map((lang) => ({ lang, value: average(rows.filter((row) => row.language === lang)) }))
    .filter((l) => typeof l.value === 'number')
    .map((l) => ({ key: l.lang, label: LANGUAGE_NAMES.get(l.lang) || l.lang, bars: [barOf(l.lang, t('stats.kpi.wait'), /** @type {number} */ (l.value), LANGUAGE_COLORS[l.lang] || OTHER_COLOR)] }));
  /** @param {BarGroup[]} groups @param {string} testId @param {string} label */
  const chartOrEmpty = (groups, testId, label) =>
    groups.length ? groupedBarChart({ testId, label, groups, valueText: formatSeconds }) : el('p', { class: 'muted' }, t('stats.waitNone'));
  ui.waitByWeek.replaceChildren(chartOrEmpty(byWeek, 'wait-by-week-chart', t('stats.waitByWeek')));
  ui.waitByLanguage.replaceChildren(chartOrEmpty(byLanguage, 'wait-by-language-chart', t('stats.waitByLanguage')));
}

/** "2026-W47" → "W47" (the year is in the date range above). */
/** @param {string} week */
export function weekLabel(week) {
  const match = /W(\d+)$/.exec(week);
  return match ? t('stats.weekShort', { week: formatNumber(Number(match[1])) }) : week;
}

/** Rows of one language added up (the averages weighted by how many they average over). */
/** @param {StatsRow[]} rows @returns {Sums} */
export function addUp(rows) {
  /** @type {Sums} */
  const sum = { started: 0, consented: 0, intakeCompleted: 0, outcomes: {}, mentorAsked: 0, mentorTook: 0, ratings: 0, ratingAverage: null, waitAverageSeconds: null };
  let ratingSum = 0;
  let ratingWeight = 0;
  let waitSum = 0;
  let waitWeight = 0;
  for (const row of rows) {
    for (const field of /** @type {const} */ (['started', 'consented', 'intakeCompleted', 'mentorAsked', 'mentorTook', 'ratings'])) sum[field] += count(row[field]);
    for (const outcome of OUTCOMES) sum.outcomes[outcome] = (sum.outcomes[outcome] || 0) + count(row.outcomes && row.outcomes[outcome]);
    if (typeof row.ratingAverage === 'number' && count(row.ratings) > 0) {
      ratingSum += row.ratingAverage * count(row.ratings);
      ratingWeight += count(row.ratings);
    }
    if (typeof row.waitAverageSeconds === 'number') {
      const buckets = row.waitBuckets && typeof row.waitBuckets === 'object' ? Object.values(row.waitBuckets).reduce((a, b) => a + count(b), 0) : 0;
      const weight = buckets || count(row.mentorTook) || 1;
      waitSum += row.waitAverageSeconds * weight;
      waitWeight += weight;
    }
  }
  sum.ratingAverage = ratingWeight ? ratingSum / ratingWeight : null;
  sum.waitAverageSeconds = waitWeight ? waitSum / waitWeight : null;
  return sum;
}

/** @param {StatsRow[]} rows @param {string[]} languages @param {Partial<Sums>} totals */
export function renderLanguageTable(rows, languages, totals) {
  const langs = languages.length ? languages : [...new Set(rows.map((row) => row.language).filter(Boolean))];
  /** @type {Array<{ lang: string | null, data: Partial<Sums> }>} */
  const columns = langs.map((lang) => ({ lang, data: addUp(rows.filter((row) => row.language === lang)) }));
  columns.push({ lang: null, data: totals });
  /** @param {string} text @param {number | null} started @param {number} v */
  const cell = (text, started, v) =>
    el('td', {}, text, started !== null && started > 0 ? el('span', { class: 'muted pct' }, formatPercent(v / started)) : null);
  const body = FUNNEL_STEPS.map(([step, field]) =>
    el(
      'tr',
      { 'data-step': step },
      el('th', { scope: 'row' }, stepLabel(step)),
      columns.map(({ data }) => {
        const v = stepValue(data, field);
        return cell(formatNumber(v), step === 'started' ? null : count(data.started), v);
      }),
    ),
  );
  body.push(
    el(
      'tr',
      { 'data-step': 'waitAverage' },
      el('th', { scope: 'row' }, t('stats.kpi.wait')),
      columns.map(({ data }) => el('td', {}, typeof data.waitAverageSeconds === 'number' ? formatSeconds(data.waitAverageSeconds) : '–')),
    ),
    el(
      'tr',
      { 'data-step': 'ratingAverage' },
      el('th', { scope: 'row' }, t('stats.kpi.rating')),
      columns.map(({ data }) =>
        el('td', {}, typeof data.ratingAverage === 'number' ? t('stats.ratingValue', { rating: formatNumber(Math.round(data.ratingAverage * 10) / 10) }) : '–'),
      ),
    ),
  );
  ui.byLanguage.replaceChildren(
    el('caption', { class: 'sr-only' }, t('stats.byLanguage')),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, t('stats.step')),
        columns.map(({ lang }) =>
          lang
            ? el('th', { scope: 'col', 'data-lang': lang }, el('bdi', { lang }, LANGUAGE_NAMES.get(lang) || lang))
            : el('th', { scope: 'col', class: 'total' }, t('stats.total')),
        ),
      ),
    ),
    el('tbody', {}, body),
  );
}
