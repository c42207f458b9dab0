// @ts-check

import { ApiError, api } from './api.js';
import { chip, el, show } from './dom.js';
import { formatDateTime, isolate } from './format.js';
import { state } from './state.js';
import { t } from './texts.js';
import { LatestLoad } from './latestLoad.js';

/**
 * The partner beside a selected person's journey (staff and admins): ask the person in the chat
 * whether VIT may share their summary with a partner, refer them after their yes, record the
 * partner's steps in order, and copy or download the summary. A change the rules refuse says why.
 *
 * @typedef {import('../../partnerApi').PartnerView} PartnerView
 * @typedef {import('../../partnerApi').PartnerRefusalView} PartnerRefusalView
 * @typedef {{ path: string, view: PartnerView | null, error: string | null, refusal: PartnerRefusalView | null, done: string | null, delivery: string | null, busy: boolean, loads: import('./latestLoad.js').LatestLoad, drawnLang?: string, copied?: boolean, draft?: { step: string, date: string, note: string, months: string, hours: string, off: boolean } }} PanelState
 */

/** @type {WeakMap<HTMLElement, PanelState>} */
const panels = new WeakMap();

/** @param {string} step */
const stepName = (step) => t(`partner.stepNames.${step}`);

/** @param {string} iso */
const day = (iso) => formatDateTime(iso.length === 10 ? `${iso}T12:00:00Z` : iso, { dateStyle: 'medium' });

/** Whether this account works with partners (staff and admins). */
export const mayReferToPartners = () => !!state.user && (state.user.role === 'staff' || state.user.role === 'admin');

/**
 * Shows the partner file at `path` (an API path ending in /partner) in `container`; loads it unless
 * this container shows it already (then it is drawn again in a new language only).
 * @param {HTMLElement} container
 * @param {string} path
 */
export function showPartnerPanel(container, path) {
  const known = panels.get(container);
  if (known && known.path === path) {
    if (known.drawnLang !== state.lang || !container.firstChild) draw(container, known);
    return;
  }
  /** @type {PanelState} */
  const panel = { path, view: null, error: null, refusal: null, done: null, delivery: null, busy: false, loads: known ? known.loads : new LatestLoad() };
  panels.set(container, panel);
  void load(container, panel);
}

/** @param {HTMLElement} container @param {PanelState} panel */
async function load(container, panel) {
  const current = panel.loads.start();
  draw(container, panel);
  try {
    /** @type {PartnerView} */
    const view = await api('GET', panel.path);
    if (!current() || !state.user) return;
    panel.view = view;
    panel.error = null;
  } catch (error) {
    if (!current() || (error instanceof ApiError && error.status === 401)) return;
    panel.error = error instanceof ApiError && error.status === 0 ? 'errors.network' : 'errors.generic';
  }
  draw(container, panel);
}

/**
 * Sends a change; shows the new file, or why it was refused.
 * @param {HTMLElement} container @param {PanelState} panel @param {string} action @param {unknown} body @param {string} done
 */
async function change(container, panel, action, body, done) {
  panel.busy = true;
  panel.refusal = null;
  panel.done = null;
  panel.delivery = null;
  panel.error = null;
  draw(container, panel);
  try {
    /** @type {PartnerView} */
    const view = await api('POST', `${panel.path}/${action}`, body);
    panel.view = view;
    panel.done = done;
    panel.delivery = view.delivery || null;
    panel.draft = undefined;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    const refusal = error instanceof ApiError ? /** @type {{ refusal?: PartnerRefusalView }} */ (error.body).refusal : undefined;
    if (error instanceof ApiError && error.code === 'partner-refused' && refusal) panel.refusal = refusal;
    else if (error instanceof ApiError && error.code === 'unknown-partner') panel.refusal = { code: /** @type {any} */ ('unknown-partner') };
    else panel.error = error instanceof ApiError && error.status === 400 ? 'partner.refused.date-invalid' : 'errors.generic';
  } finally {
    panel.busy = false;
    draw(container, panel);
  }
}

/** The refusal in words. @param {PartnerRefusalView} refusal */
function refusalText(refusal) {
  return t(`partner.refused.${refusal.code}`, { expected: refusal.expected ? isolate(stepName(refusal.expected)) : '' });
}

/** The summary as Markdown, copied to the clipboard (or selected in a box where the browser does not allow it). @param {HTMLElement} container @param {PanelState} panel */
async function copySummary(container, panel) {
  try {
    const response = await fetch(`/console/api${panel.path}/summary?lang=${encodeURIComponent(state.lang)}`, { credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok) throw new ApiError(response.status, 'summary');
    const text = await response.text();
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const box = /** @type {HTMLTextAreaElement} */ (el('textarea', { class: 'partner-summary-text', rows: '8', readonly: true, dir: 'auto', 'data-testid': 'partner-summary-text' }));
      box.value = text;
      container.append(box);
      box.select();
      return;
    }
    panel.copied = true;
  } catch {
    panel.error = 'errors.generic';
  }
  draw(container, panel);
}

/** @param {HTMLElement} container @param {PanelState} panel @param {string} id */
function choosePartner(container, panel, id) {
  const view = /** @type {PartnerView} */ (panel.view);
  const select = el('select', { id: `${id}-partner`, name: 'partner', 'data-testid': 'partner-choice' }, view.partners.map((p) => el('option', { value: p.id }, p.name)));
  const last = view.file && view.file.asks.length ? view.file.asks[view.file.asks.length - 1] : null;
  if (last) /** @type {HTMLSelectElement} */ (select).value = last.partner;
  const value = () => /** @type {HTMLSelectElement} */ (select).value;
  const ask = el('button', { type: 'button', class: 'button', 'data-testid': 'partner-ask', disabled: panel.busy }, t('partner.ask'));
  ask.addEventListener('click', () => change(container, panel, 'ask', { partner: value() }, 'partner.asked.short'));
  const refer = el('button', { type: 'button', class: 'button primary', 'data-testid': 'partner-refer', disabled: panel.busy }, t('partner.refer'));
  refer.addEventListener('click', () => change(container, panel, 'refer', { partner: value() }, 'partner.referred.short'));
  return el('div', { class: 'journey-form' }, el('label', { for: `${id}-partner` }, t('partner.partner')), select, el('div', { class: 'button-row' }, ask, refer));
}

/** @param {HTMLElement} container @param {PanelState} panel @param {string} id @param {string} next */
function stepForm(container, panel, id, next) {
  const today = new Date().toISOString().slice(0, 10);
  const date = /** @type {HTMLInputElement} */ (el('input', { id: `${id}-date`, name: 'date', type: 'date', max: today, required: true, 'data-testid': 'partner-step-date' }));
  // What was typed stays after a refusal (a contract too short: only the months need changing).
  const draft = panel.draft && panel.draft.step === next ? panel.draft : undefined;
  date.value = draft ? draft.date : today;
  const note = /** @type {HTMLTextAreaElement} */ (el('textarea', { id: `${id}-note`, name: 'note', rows: '2', maxlength: '500', dir: 'auto', 'data-testid': 'partner-step-note' }));
  const contract = next === 'contract-signed';
  const months = /** @type {HTMLInputElement} */ (el('input', { id: `${id}-months`, name: 'months', type: 'number', min: '0', max: '600', inputmode: 'numeric', 'data-testid': 'partner-contract-months' }));
  const hours = /** @type {HTMLInputElement} */ (el('input', { id: `${id}-hours`, name: 'hours', type: 'number', min: '0', max: '80', inputmode: 'numeric', 'data-testid': 'partner-contract-hours' }));
  const off = /** @type {HTMLInputElement} */ (el('input', { id: `${id}-off`, name: 'offBenefits', type: 'checkbox', 'data-testid': 'partner-contract-off' }));
  if (draft) {
    note.value = draft.note;
    months.value = draft.months;
    hours.value = draft.hours;
    off.checked = draft.off;
  }
  const form = el(
    'form',
    { class: 'journey-form', 'data-testid': 'partner-step-form', 'data-step': next, novalidate: true },
    el('p', { class: 'card-line' }, t('partner.next'), ' ', chip(stepName(next), 'chip-outcome')),
    el('label', { for: `${id}-date` }, t('partner.date')),
    date,
    contract ? el('label', { for: `${id}-months` }, t('partner.months')) : null,
    contract ? months : null,
    contract ? el('label', { for: `${id}-hours` }, t('partner.hours')) : null,
    contract ? hours : null,
    contract ? el('label', { class: 'check-line', for: `${id}-off` }, off, ' ', t('partner.offBenefits')) : null,
    el('label', { for: `${id}-note` }, t('partner.note')),
    note,
    el('button', { type: 'submit', class: 'button primary', 'data-testid': 'partner-step-submit', disabled: panel.busy }, t('partner.record')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    panel.draft = { step: next, date: date.value, note: note.value, months: months.value, hours: hours.value, off: off.checked };
    const body = {
      step: next,
      date: date.value,
      note: note.value,
      ...(contract ? { contract: { months: Number(months.value || 0), hoursPerWeek: Number(hours.value || 0), offBenefits: off.checked } } : {}),
    };
    void change(container, panel, 'steps', body, 'partner.recorded');
  });
  return form;
}

/** @param {HTMLElement} container @param {PanelState} panel */
function draw(container, panel) {
  panel.drawnLang = state.lang;
  const view = panel.view;
  const id = `partner-${Math.abs(hash(panel.path))}`;
  /** @type {Array<HTMLElement | null>} */
  const parts = [el('h3', { class: 'sub-title' }, t('partner.title'))];
  /** The summary, below the messages about the last change (which stay beside its button). @type {Array<HTMLElement | null>} */
  const summary = [];
  if (!view && !panel.error) parts.push(el('p', { class: 'muted' }, t('app.loading')));
  if (panel.error) parts.push(el('p', { class: 'form-error', role: 'alert', 'data-testid': 'partner-error' }, t(panel.error)));
  if (view) {
    const file = view.file;
    const name = (/** @type {string} */ partnerId) => (view.partners.find((p) => p.id === partnerId) || { name: partnerId }).name;
    const last = file && file.asks.length ? file.asks[file.asks.length - 1] : null;
    const referral = file && file.referral;
    if (view.stage !== 'selected' && !file) parts.push(el('p', { class: 'muted', 'data-testid': 'partner-only-selected' }, t('partner.onlySelected')));
    else if (!referral) parts.push(el('p', { class: 'muted' }, t('partner.intro')));
    if (last && !referral) {
      const key = last.answer === 'yes' ? 'partner.answeredYes' : last.answer === 'no' ? 'partner.answeredNo' : 'partner.asked';
      parts.push(el('p', { class: 'card-line', 'data-testid': 'partner-consent', 'data-answer': last.answer || 'waiting' }, t(key, { partner: isolate(name(last.partner)), date: isolate(day(last.answeredAt || last.askedAt)) })));
    }
    if (referral) {
      parts.push(el('p', { class: 'card-line', 'data-testid': 'partner-referred' }, t('partner.referred', { partner: isolate(name(referral.partner)), date: isolate(day(referral.referredAt)), name: isolate(referral.by.firstName) })));
      parts.push(el('h3', { class: 'sub-title' }, t('partner.steps')));
      parts.push(
        el(
          'ol',
          { class: 'journey-moves', 'data-testid': 'partner-steps' },
          referral.steps.map((s) =>
            el(
              'li',
              { class: 'journey-move', 'data-testid': 'partner-step', 'data-step': s.step },
              el('span', { class: 'journey-move-head' }, el('time', { datetime: s.date }, day(s.date)), ' · ', el('strong', {}, stepName(s.step))),
              el('span', { class: 'journey-move-by muted' }, el('bdi', { dir: 'auto' }, s.by.firstName)),
              s.contract ? el('span', { class: 'muted', 'data-testid': 'partner-contract' }, t('partner.contract', { months: isolate(String(s.contract.months)), hours: isolate(String(s.contract.hoursPerWeek)) })) : null,
              s.note ? el('span', { class: 'journey-move-reason', dir: 'auto' }, s.note) : null,
            ),
          ),
        ),
      );
      if (view.decisionDay && view.next === 'certificates') parts.push(el('p', {}, chip(t('partner.decision', { date: isolate(day(view.decisionDay)) }), 'chip-warn')));
      if (view.next) parts.push(stepForm(container, panel, id, view.next));
      else parts.push(el('p', { class: 'done-box', 'data-testid': 'partner-all-done' }, t('partner.allDone')));
    } else if (view.stage === 'selected') {
      parts.push(choosePartner(container, panel, id));
    }
    const canSummarize = !!referral || (!!last && last.answer === 'yes');
    if (canSummarize) {
      const copy = el('button', { type: 'button', class: 'button', 'data-testid': 'partner-copy' }, t('partner.copy'));
      copy.addEventListener('click', () => copySummary(container, panel));
      const base = `/console/api${panel.path}/summary?lang=${encodeURIComponent(state.lang)}`;
      summary.push(
        el('h3', { class: 'sub-title' }, t('partner.summary')),
        el(
          'div',
          { class: 'button-row' },
          copy,
          el('a', { class: 'button', href: `${base}&download=1`, download: '', 'data-testid': 'partner-download' }, t('partner.download')),
          el('a', { class: 'button', href: `${base}&format=html`, target: '_blank', rel: 'noopener', 'data-testid': 'partner-open' }, t('partner.open')),
        ),
        panel.copied ? el('p', { class: 'muted', role: 'status' }, t('partner.copied')) : null,
      );
    } else if (view.stage === 'selected' && !referral) {
      summary.push(el('p', { class: 'muted' }, t('partner.noSummary')));
    }
  }
  const refusal = el('p', { class: 'form-error', role: 'alert', 'data-testid': 'partner-refused' }, panel.refusal ? refusalText(panel.refusal) : '');
  show(refusal, !!panel.refusal);
  const done = el('p', { class: 'done-box', role: 'status', 'data-testid': 'partner-done' }, panel.done === 'partner.recorded' ? t('partner.recorded') : '');
  show(done, panel.done === 'partner.recorded');
  const delivery = el('p', { class: panel.delivery === 'sent' ? 'muted' : 'form-error', role: 'status', 'data-testid': 'partner-delivery', 'data-delivery': panel.delivery || '' }, panel.delivery ? t(`partner.delivery.${panel.delivery}`) : '');
  show(delivery, !!panel.delivery);
  const shown = (/** @type {Array<HTMLElement | null>} */ list) => /** @type {HTMLElement[]} */ (list.filter((p) => p !== null));
  container.replaceChildren(...shown(parts), refusal, done, delivery, ...shown(summary));
}

/** A small stable number for element ids from a path. @param {string} text */
function hash(text) {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h;
}
