// @ts-check

import { LANGUAGE_NAMES, SVG_NS, WIDE_LAYOUT } from './constants.js';

/** @typedef {Node | string | null | undefined | false | ReadonlyArray<Node | string | null | undefined | false>} Child what el() and svgEl() take as children */

/**
 * Builds an element. props: class, text, hidden, data-* and other attributes; children:
 * nodes or strings (strings become text nodes, so they are never parsed as HTML).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [props]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = String(value);
    else if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) node.append(child);
  }
  return node;
}

/**
 * For filter(): keeps what is there (a typed filter(Boolean) for lists of nodes and nulls).
 * @template T
 * @param {T} value
 * @returns {value is NonNullable<T>}
 */
export const present = (value) => value !== null && value !== undefined;

/** Every element that matches, as HTMLElements (the console's markup has no SVG there). */
/** @param {string} selector @param {ParentNode} [root] */
export function elements(selector, root = document) {
  return /** @type {HTMLElement[]} */ ([...root.querySelectorAll(selector)]);
}

/**
 * Replaces a section's content the way replaceChildren() does, but a field someone is typing in keeps
 * the cursor: the field with the same id in the new content gets the focus and the selection back.
 * For pages that draw their form again while it is used (a list loaded, an error shown).
 * @param {HTMLElement} node
 * @param {...(Node | string)} children
 */
export function replaceKeepingFocus(node, ...children) {
  const active = document.activeElement;
  const field = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? active : null;
  const kept = field && field.id && node.contains(field) ? { id: field.id, start: field.selectionStart, end: field.selectionEnd } : null;
  node.replaceChildren(...children);
  if (!kept) return;
  const again = document.getElementById(kept.id);
  if (!(again instanceof HTMLInputElement || again instanceof HTMLTextAreaElement) || !node.contains(again)) return;
  again.focus({ preventScroll: true });
  try {
    if (kept.start !== null && kept.end !== null) again.setSelectionRange(kept.start, kept.end);
  } catch {
    // a field kind without a selection (number, email): the focus alone is kept
  }
}

/** @param {HTMLElement} node @param {boolean} visible */
export function show(node, visible) {
  node.hidden = !visible;
}

export function isWideLayout() {
  return window.matchMedia(WIDE_LAYOUT).matches;
}

/** A language code shown by the language's own name, marked up in that language. */
/** @param {string | null | undefined} code */
export function languageChip(code) {
  return el('span', { class: 'chip chip-lang', lang: code, dir: 'auto' }, (code && LANGUAGE_NAMES.get(code)) || String(code || ''));
}

/** @param {Child} text */
export function chip(text, extraClass = '') {
  return el('span', { class: `chip ${extraClass}`.trim() }, text);
}

/** An element of an inline SVG chart (attributes only: the CSP forbids inline styles). */
/**
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...Child} children
 * @returns {SVGElement}
 */
export function svgEl(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) node.append(child);
  }
  return node;
}
