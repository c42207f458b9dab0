// @ts-check
/*
 * Working as a team on the mentor page: the status in the header, handing a person to a colleague,
 * the warning before taking someone whose language one does not speak, canned replies in the reply box.
 * main.js calls initHandover once; session.js and chrome.js call start/stop/render.
 */

import { closeCanned, onCannedClick, onComposeInput, onComposeKeydown, renderCanned } from './cannedPicker.js';
import { noteActivity, onStatusChange, renderStatus, startStatus, stopStatus } from './status.js';
import { hideTransfer, onTransferClick, openTransfer, renderTransfer, transferred } from './transfer.js';

/**
 * @param {{ afterTransfer: (id: string, name: string) => void }} host what the mentor page does after a hand-over
 */
export function initHandover(host) {
  const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  transferred.done = host.afterTransfer;
  byId('status-select').addEventListener('change', onStatusChange);
  byId('transfer-open').addEventListener('click', openTransfer);
  byId('transfer-cancel').addEventListener('click', () => hideTransfer(true));
  byId('transfer-list').addEventListener('click', onTransferClick);
  byId('transfer-panel').addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    hideTransfer(true);
  });
  const compose = byId('compose');
  // Capture: the list's keys are handled before the box's own (Enter sends).
  compose.addEventListener('keydown', onComposeKeydown, true);
  byId('message-input').addEventListener('input', onComposeInput);
  byId('canned-list').addEventListener('click', onCannedClick);
  document.addEventListener('keydown', noteActivity, true);
  document.addEventListener('pointerdown', noteActivity, true);
}

export function startHandover() {
  startStatus();
}

export function stopHandover() {
  stopStatus();
  hideTransfer();
  closeCanned();
}

export function renderHandover() {
  renderStatus();
  renderTransfer();
  renderCanned();
}

export { renderTransferAction } from './transfer.js';
export { confirmTake } from './languageWarning.js';
export { closeCanned } from './cannedPicker.js';
