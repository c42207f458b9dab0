// @ts-check
/*
 * "My slots": a mentor publishes times for the online talk (once, or the same time weekly), with the
 * languages they speak and their own meeting link; sees who booked, with the intake, before the talk;
 * cancels a slot (the person is told and offered the next free times); and after the talk records
 * held or missed with a note. The server checks every rule again and says which one refused.
 */

import { api, asApiError } from '../api.js';
import { chip, el, languageChip, show } from '../dom.js';
import { reportError } from '../errors.js';
import { formatDateTime, isolate } from '../format.js';
import { DUTCH_TIME, dutchInstant } from '../dutchTime.js';
import { t } from '../texts.js';
import { LANGUAGE_NAMES } from '../constants.js';
import { forgetSlotsCount, setSlotsCount, whenSlotsCountGrows } from '../talkNotices.js';
import { state } from '../state.js';

/** @typedef {import('../../../consoleApi').SlotItem} SlotItem */
/** @typedef {import('../../../consoleApi').SlotList} SlotList */
/** @typedef {import('../../../consoleApi').SlotRequest} SlotRequest */
/** @typedef {import('../../../consoleApi').TalkNoticeItem} TalkNoticeItem */
/** @typedef {import('../../../consoleApi').TalkNoticeList} TalkNoticeList */

/** How many of the newest notices the page shows. */
const NOTICES_SHOWN = 10;

const LANGUAGES = /** @type {const} */ (['nl', 'en', 'ar', 'tr', 'fa', 'ti']);

const page = {
  /** @type {SlotItem[]} */ items: [],
  loaded: false,
  loading: false,
  /** The key of the last action's result (said again in the language chosen since). @type {string | null} */ message: null,
  /** @type {TalkNoticeItem[]} */ notices: [],
};

/**
 * The newest notices (bookings, cancellations); once shown they count as seen (up to the newest shown),
 * while this view still marks which were new.
 */
async function loadNotices() {
  try {
    const data = /** @type {TalkNoticeList} */ (await api('GET', '/talks/notices'));
    page.notices = Array.isArray(data && data.items) ? data.items.slice(0, NOTICES_SHOWN) : [];
    renderSlots();
    const newest = page.notices[0];
    if (newest && newest.unseen) {
      const seen = /** @type {{ unseen: number }} */ (await api('POST', '/talks/notices/seen', { at: newest.at }));
      setSlotsCount(seen.unseen);
    } else setSlotsCount(data.unseen || 0);
  } catch (error) {
    reportError(error, 'errors.generic', { refresh: false });
  }
}

/** Brings the slot's card (with the intake) into view and gives it the focus. @param {string} slotId */
function openSlot(slotId) {
  const card = /** @type {HTMLElement | null} */ (section().querySelector(`[data-slot-id="${CSS.escape(slotId)}"]`));
  if (!card) return;
  card.setAttribute('tabindex', '-1');
  card.classList.add('slot-pointed');
  card.scrollIntoView({ block: 'start' });
  card.focus({ preventScroll: true });
}

/**
 * A talk's time in Dutch time, said so: the newcomer is told Dutch time, so the mentor reads the same,
 * wherever the browser is. @param {string} iso @param {Intl.DateTimeFormatOptions} [style]
 */
function inDutchTime(iso, style = { dateStyle: 'full', timeStyle: 'short' }) {
  return t('slots.notices.dutchTime', { time: formatDateTime(iso, { ...style, timeZone: DUTCH_TIME }) });
}

/** @param {TalkNoticeItem} notice */
function noticeCard(notice) {
  const name = notice.person ? notice.person.firstName || notice.person.pseudonym || '?' : null;
  // The name isolated: an Arabic name must not turn an English line around.
  const what =
    notice.kind === 'cancelled-by-staff'
      ? t(notice.wasBooked ? 'slots.notices.cancelledByStaff' : 'slots.notices.removedByStaff', { name: isolate(notice.by || '?') })
      : notice.kind === 'cancelled'
        ? t('slots.notices.cancelled')
        : name
          ? t('slots.notices.booked', { name: isolate(name) })
          : t('slots.notices.bookedGone');
  // A free time staff took away was booked by no one: no language to show.
  const language = notice.kind === 'cancelled-by-staff' && !notice.wasBooked ? null : languageChip(notice.language);
  const open = notice.kind === 'booked' && notice.person && page.items.some((i) => i.id === notice.slotId)
    ? el('button', { type: 'button', class: 'button secondary', 'data-testid': 'notice-intake' }, t('slots.notices.openIntake'))
    : null;
  if (open) open.addEventListener('click', () => openSlot(notice.slotId));
  return el(
    'li',
    { class: `card result notice notice-${notice.kind}`, 'data-testid': 'slot-notice', 'data-kind': notice.kind },
    el(
      'div',
      { class: 'card-top' },
      el('time', { class: 'card-name', datetime: notice.start }, inDutchTime(notice.start)),
      notice.unseen ? chip(t('slots.notices.newMark'), 'chip-new') : null,
    ),
    el('p', { class: 'card-line' }, what, language ? ' ' : null, language),
    notice.kind === 'booked' ? el('p', { class: 'card-line' }, el('a', { href: notice.link, target: '_blank', rel: 'noopener noreferrer', dir: 'ltr' }, isolate(notice.link))) : null,
    open ? el('div', { class: 'card-line slot-actions' }, open) : null,
  );
}

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{ new (): T }} type
 * @returns {T}
 */
function byId(id, type) {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`slots.js: index.html has no ${type.name} #${id}`);
  return node;
}

export const section = () => byId('page-slots', HTMLElement);
export const heading = () => byId('slots-title', HTMLElement);

async function loadSlots() {
  page.loading = true;
  renderSlots();
  try {
    const data = /** @type {SlotList} */ (await api('GET', '/talks/slots'));
    page.items = Array.isArray(data && data.items) ? data.items : [];
    page.loaded = true;
  } catch (error) {
    reportError(error, 'errors.generic', { refresh: false });
  } finally {
    page.loading = false;
    renderSlots();
  }
}

/** The form, drawn once per language; its values survive a redraw of the list. */
function form() {
  const languages = LANGUAGES.map((code) =>
    el(
      'label',
      { class: 'check', for: `slot-language-${code}` },
      el('input', { type: 'checkbox', id: `slot-language-${code}`, name: 'languages', value: code, 'data-testid': `slot-language-${code}` }),
      el('span', { lang: code, dir: 'auto' }, LANGUAGE_NAMES.get(code) || code),
    ),
  );
  /** A label above its control, as on the console's other forms. @param {string} id @param {string} label @param {HTMLElement} control */
  const field = (id, label, control) => el('div', { class: 'field' }, el('label', { for: id }, label), control);
  const node = el(
    'form',
    { class: 'slot-form', id: 'slot-form', 'data-testid': 'slot-form', novalidate: true },
    field('slot-start', t('slots.start'), el('input', { id: 'slot-start', name: 'start', type: 'datetime-local', required: true, 'data-testid': 'slot-start' })),
    field('slot-duration', t('slots.duration'), el('select', { id: 'slot-duration', name: 'duration', 'data-testid': 'slot-duration' }, ...[30, 45, 60].map((m) => el('option', { value: String(m) }, t('slots.minutes', { count: m }))))),
    el('fieldset', { class: 'field language-boxes' }, el('legend', {}, t('slots.languages')), ...languages),
    field('slot-link', t('slots.link'), el('input', { id: 'slot-link', name: 'link', type: 'url', maxlength: '500', required: true, placeholder: 'https://', dir: 'ltr', 'data-testid': 'slot-link' })),
    // Staff and admins also publish times for the intake interview (offered to people at selection-intake).
    state.user && state.user.role !== 'mentor'
      ? field('slot-kind', t('interviewSlots.kind'), el('select', { id: 'slot-kind', name: 'kind', 'data-testid': 'slot-kind' }, el('option', { value: 'talk' }, t('interviewSlots.kinds.talk')), el('option', { value: 'interview' }, t('interviewSlots.kinds.interview'))))
      : null,
    field('slot-weeks', t('slots.weeks'), el('input', { id: 'slot-weeks', name: 'weeks', type: 'number', min: '1', max: '12', value: '1', 'data-testid': 'slot-weeks' })),
    el('p', { class: 'form-error', id: 'slot-error', role: 'alert', 'data-testid': 'slot-error' }),
    el('button', { type: 'submit', class: 'button primary', 'data-testid': 'slot-add' }, t('slots.add')),
  );
  node.addEventListener('submit', (event) => {
    event.preventDefault();
    publish(/** @type {HTMLFormElement} */ (node));
  });
  return node;
}

/** @param {HTMLFormElement} node */
async function publish(node) {
  const data = new FormData(node);
  const local = String(data.get('start') || '');
  const error = byId('slot-error', HTMLElement);
  // The field holds a wall time without a zone: it is read as Dutch time, the time the newcomer is told.
  const start = dutchInstant(local);
  /** @type {SlotRequest} */
  const body = {
    start: start.ok ? start.iso : '',
    durationMinutes: Number(data.get('duration')),
    languages: /** @type {SlotRequest['languages']} */ (data.getAll('languages').map(String)),
    link: String(data.get('link') || '').trim(),
    weeks: Number(data.get('weeks') || 1),
    ...(data.get('kind') === 'interview' ? { kind: /** @type {const} */ ('interview') } : {}),
  };
  if (!start.ok) return void (error.textContent = t(start.problem === 'missing' ? 'slots.problems.no-such-time' : 'slots.problems.no-time'));
  if (body.languages.length === 0) return void (error.textContent = t('slots.problems.no-language'));
  try {
    await api('POST', '/talks/slots', body);
    error.textContent = '';
    page.message = 'slots.published';
    await loadSlots();
  } catch (failure) {
    const failed = asApiError(failure);
    const refusal = failed.body.refusal;
    if (refusal && 'problem' in refusal) {
      error.textContent = t(`slots.problems.${refusal.problem}`, { time: refusal.at ? inDutchTime(refusal.at, { dateStyle: 'medium', timeStyle: 'short' }) : '' });
    } else if (failed.status === 400) error.textContent = t('slots.problems.bad-request');
    else reportError(failure, 'errors.generic', { refresh: false });
  }
}

/**
 * "Result: … · Dutch B1, English A2 · 40 hours a week": each piece isolated, so in Arabic a Latin
 * level (B1, A2) stays with its language instead of drifting to the end of the line.
 * @param {NonNullable<NonNullable<SlotItem['booked']>['intake']>} intake
 */
function intakeSummary(intake) {
  const dutch = intake.dutchLevel || '–';
  const english = intake.englishLevel || '–';
  const pieces = [
    intake.outcome ? t('slots.outcome', { outcome: t(`outcomes.${intake.outcome}`) }) : '',
    t('slots.levels', { dutch: isolate(dutch), english: isolate(english) }),
    intake.hoursPerWeek !== null ? t('slots.hours', { count: intake.hoursPerWeek }) : '',
  ].filter(Boolean);
  return pieces.flatMap((piece, index) => [index > 0 ? ' · ' : null, el('bdi', { 'data-testid': 'slot-intake-piece' }, piece)]).filter((node) => node !== null);
}

/** @param {SlotItem} item */
function slotCard(item) {
  const started = Date.parse(item.start) <= Date.now();
  const who = item.booked
    ? el(
        'div',
        { class: 'slot-booked', 'data-testid': 'slot-booked' },
        el('p', {}, t('slots.bookedBy', { name: item.booked.firstName || item.booked.pseudonym || '?' }), ' ', languageChip(item.booked.language)),
        item.booked.intake
          ? el('p', { class: 'muted', 'data-testid': 'slot-intake' }, ...intakeSummary(item.booked.intake))
          : null,
        item.booked.intake && item.booked.intake.motivation ? el('blockquote', { class: 'snippet slot-motivation', dir: 'auto', 'data-testid': 'slot-motivation' }, item.booked.intake.motivation) : null,
      )
    : el('p', { class: 'muted' }, t('slots.free'));
  const actions = [];
  if (item.outcome) {
    actions.push(chip(t(`slots.recorded.${item.outcome.kind}`), 'chip-outcome'));
    if (item.outcome.note) actions.push(el('p', { dir: 'auto' }, item.outcome.note));
  } else if (item.kind === 'interview' && item.booked && started) {
    actions.push(el('p', { class: 'muted', 'data-testid': 'slot-interview-outcome' }, t('interviewSlots.outcomeInJourney')));
  } else if (item.booked && started) {
    const note = el('textarea', { maxlength: '500', rows: '2', 'aria-label': t('slots.note'), placeholder: t('slots.note'), 'data-testid': 'slot-note' });
    const held = el('button', { type: 'button', class: 'button', 'data-testid': 'slot-held' }, t('slots.held'));
    const missed = el('button', { type: 'button', class: 'button secondary', 'data-testid': 'slot-missed' }, t('slots.missed'));
    held.addEventListener('click', () => record(item, 'held', /** @type {HTMLTextAreaElement} */ (note).value));
    missed.addEventListener('click', () => record(item, 'missed', /** @type {HTMLTextAreaElement} */ (note).value));
    actions.push(note, held, missed);
  }
  if (!started) {
    const cancel = el('button', { type: 'button', class: 'button secondary', 'data-testid': 'slot-cancel' }, t(item.booked ? 'slots.cancelBooked' : 'slots.cancel'));
    cancel.addEventListener('click', () => cancelSlot(item, /** @type {HTMLButtonElement} */ (cancel)));
    actions.push(cancel);
  }
  return el(
    'li',
    { class: 'card result slot', 'data-testid': 'slot-item', 'data-slot-id': item.id },
    el('div', { class: 'card-top' }, el('time', { class: 'card-name', datetime: item.start }, inDutchTime(item.start)), el('span', { class: 'since' }, t('slots.minutes', { count: item.durationMinutes }))),
    el('p', { class: 'card-line' }, item.kind === 'interview' ? chip(t('interviewSlots.kinds.interview'), 'chip-outcome') : null, ...item.languages.map((code) => languageChip(code))),
    el('p', { class: 'card-line' }, el('a', { href: item.link, target: '_blank', rel: 'noopener noreferrer', dir: 'ltr' }, isolate(item.link))),
    who,
    el('div', { class: 'card-line slot-actions' }, ...actions),
  );
}

/** @param {SlotItem} item @param {HTMLButtonElement} button */
async function cancelSlot(item, button) {
  button.disabled = true;
  try {
    const result = /** @type {{ told: boolean }} */ (await api('POST', `/talks/slots/${encodeURIComponent(item.id)}/cancel`));
    page.message = item.booked ? (result.told ? 'slots.cancelledTold' : 'slots.cancelledNotTold') : 'slots.cancelled';
    await loadSlots();
    heading().focus();
  } catch (error) {
    button.disabled = false;
    reportError(error, 'errors.generic', { refresh: false });
  }
}

/** @param {SlotItem} item @param {'held' | 'missed'} kind @param {string} note */
async function record(item, kind, note) {
  try {
    await api('POST', `/talks/slots/${encodeURIComponent(item.id)}/outcome`, { kind, note });
    page.message = `slots.recorded.${kind}`;
    await loadSlots();
  } catch (error) {
    reportError(error, 'errors.generic', { refresh: false });
  }
}

export function renderSlots() {
  const root = section();
  const drawn = root.querySelector('.page-inner');
  if (!drawn || drawn.getAttribute('data-lang') !== document.documentElement.lang) {
    const inner = el(
      'div',
      { class: 'page-inner', 'data-lang': document.documentElement.lang },
      el('div', { class: 'page-head' }, el('h1', { class: 'page-title', id: 'slots-title', tabindex: '-1' }, t('slots.title')), el('p', { class: 'muted' }, t('slots.intro'))),
      el('div', { id: 'slot-notices-box', 'data-testid': 'slot-notices', hidden: true }, el('h2', { id: 'slot-notices-title' }, t('slots.notices.title')), el('ul', { class: 'cards results', id: 'slot-notices' })),
      el('h2', {}, t('slots.addTitle')),
      form(),
      el('h2', {}, t('slots.listTitle')),
      el('p', { class: 'status-line', id: 'slots-status', role: 'status' }),
      el('ul', { class: 'cards results', id: 'slots-list', 'data-testid': 'slots-list' }),
    );
    root.replaceChildren(inner);
  }
  byId('slots-status', HTMLElement).textContent = page.loading ? t('app.loading') : page.message ? t(page.message) : (page.loaded && page.items.length === 0 ? t('slots.empty') : '');
  byId('slots-list', HTMLUListElement).replaceChildren(...page.items.map(slotCard));
  byId('slot-notices', HTMLUListElement).replaceChildren(...page.notices.map(noticeCard));
  show(byId('slot-notices-box', HTMLElement), page.notices.length > 0);
}

// A booking or cancellation while the page is open: the list and the notices are read again.
whenSlotsCountGrows(() => {
  if (state.route && state.route.page === 'slots' && !page.loading) void loadSlots().then(loadNotices);
});

/** @type {import('./index.js').Page} */
export const slotsPage = {
  name: 'slots',
  roles: ['mentor', 'admin', 'staff'],
  tab: true,
  section,
  heading: () => /** @type {HTMLElement} */ (document.getElementById('slots-title') || section()),
  scrollsItself: true,
  enter() {
    page.message = null;
    renderSlots();
    if (!page.loading) loadSlots().then(loadNotices);
  },
  render() {
    renderSlots();
  },
  clear() {
    page.items = [];
    page.notices = [];
    page.loaded = false;
    forgetSlotsCount();
    section().replaceChildren();
    show(section(), false);
  },
};
