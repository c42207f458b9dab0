// @ts-check

import { INTAKE_FIELDS } from './constants.js';
import { el } from './dom.js';
import { formatNumber, valueText } from './format.js';
import { t } from './texts.js';

/** The intake answers as a list of facts (the conversation pane and the transcript view). */
/** @param {{ answers?: object, estimated?: unknown, completed?: boolean } | null | undefined} intake */
export function intakeNodes(intake) {
  if (!intake || !intake.answers || typeof intake.answers !== 'object') {
    return [el('p', { class: 'muted' }, t('intake.none'))];
  }
  const answers = /** @type {Record<string, unknown>} */ (intake.answers);
  const estimated = new Set(Array.isArray(intake.estimated) ? intake.estimated : []);
  const rows = INTAKE_FIELDS.filter((field) => answers[field] !== undefined).map((field) => {
    const value = intakeValue(field, answers[field], estimated.has(field));
    // Typed by the person, in any script: isolated in its own direction, aligned with its label (the page's direction).
    const typed = field === 'motivation' || field === 'municipality';
    return el('div', { class: 'fact', 'data-field': field }, el('dt', {}, t(`intake.fields.${field}`)), el('dd', {}, typed ? el('bdi', { dir: 'auto' }, value) : value));
  });
  const parts = [rows.length ? el('dl', { class: 'facts' }, rows) : el('p', { class: 'muted' }, t('intake.none'))];
  if (intake.completed === false) parts.push(el('p', { class: 'muted' }, t('intake.notFinished')));
  return parts;
}

/** @param {string} field @param {unknown} value @param {boolean} isEstimated */
export function intakeValue(field, value, isEstimated) {
  if (value === null || value === '') return [el('span', { class: 'muted' }, t('intake.skipped'))];
  switch (field) {
    case 'residenceStatus':
    case 'education':
    case 'itExperience':
      return [valueText(`intake.${field}.${value}`, value)];
    case 'dutchLevel':
    case 'englishLevel': {
      const level = String(value).toLowerCase() === 'none' ? t('intake.levelNone') : String(value).toUpperCase();
      return isEstimated ? [level, ' ', el('span', { class: 'tag tag-estimated' }, t('intake.estimated'))] : [level];
    }
    case 'itEducation':
    case 'motivatedForIT':
      return [yesNo(value)];
    case 'hoursPerWeek': {
      const hours = Number(value);
      return [Number.isFinite(hours) ? t('intake.hours', { hours: formatNumber(hours) }) : String(value)];
    }
    default:
      return [String(value)];
  }
}

/** @param {unknown} value */
export function yesNo(value) {
  if (value === true || value === 'yes') return t('intake.yes');
  if (value === false || value === 'no') return t('intake.no');
  return String(value);
}
