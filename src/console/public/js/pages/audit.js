// @ts-check

import { el, show } from '../dom.js';
import { ui } from '../elements.js';
import { formatDateTime, formatNumber, queryString, valueText } from '../format.js';
import { badRange, loadPage, readRange, renderFormError } from './common.js';
import { state } from '../state.js';
import { t } from '../texts.js';

/** @param {SubmitEvent} event */
export function submitAudit(event) {
  event.preventDefault();
  const page = state.pages.audit;
  const range = readRange(ui.auditFrom, ui.auditTo);
  if (badRange(range)) {
    page.error = 'filters.badRange';
    renderFormError(ui.auditError, page.error);
    ui.auditFrom.focus();
    return;
  }
  page.error = null;
  page.range = range;
  renderFormError(ui.auditError, null);
  loadAudit();
}

export async function loadAudit() {
  const page = state.pages.audit;
  await loadPage(page, {
    path: `/audit${queryString(page.range || {})}`,
    buttons: [ui.auditSubmit],
    renderStatus: renderAuditStatus,
    onData: (/** @type {import('../../../consoleApi').AuditList | null} */ data) => {
      page.items = (data && Array.isArray(data.items) ? data.items : []).filter((item) => item && typeof item === 'object');
      page.loaded = true;
      renderAudit();
    },
  });
}

export function renderAuditStatus() {
  const page = state.pages.audit;
  let text = '';
  if (page.loading) text = t('app.loading');
  else if (page.loaded && page.items.length === 0) text = t('audit.empty');
  else if (page.loaded) text = t('audit.shown', { count: formatNumber(page.items.length) });
  ui.auditStatus.textContent = text;
}

export function renderAudit() {
  const page = state.pages.audit;
  renderFormError(ui.auditError, page.error);
  renderAuditStatus();
  show(ui.auditWrap, page.loaded && page.items.length > 0);
  ui.auditRows.replaceChildren(
    ...page.items.map((item) =>
      el(
        'tr',
        { 'data-testid': 'audit-row', 'data-action': item.action || '' },
        el('td', { class: 'nowrap' }, el('time', { datetime: item.at || '' }, formatDateTime(item.at, { dateStyle: 'short', timeStyle: 'medium' }))),
        el('td', {}, el('bdi', { dir: 'auto' }, String(item.actor || ''))),
        el('td', {}, item.role ? valueText(`roles.${item.role}`, item.role) : ''),
        el('td', {}, item.action ? valueText(`audit.actions.${item.action}`, item.action) : ''),
        el('td', {}, el('bdi', { class: 'target', dir: 'auto' }, String(item.target || ''))),
      ),
    ),
  );
}
