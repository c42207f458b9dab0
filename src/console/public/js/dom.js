// @ts-check

import { LANGUAGE_NAMES, SVG_NS, WIDE_LAYOUT } from './constants.js';

/**
 * Builds an element. props: class, text, hidden, data-* and other attributes; children:
 * nodes or strings (strings become text nodes, so they are never parsed as HTML).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) node.append(child);
  }
  return node;
}

/** Every element that matches, as HTMLElements (the console's markup has no SVG there). */
export function elements(selector, root = document) {
  return /** @type {HTMLElement[]} */ ([...root.querySelectorAll(selector)]);
}

export function show(node, visible) {
  node.hidden = !visible;
}

export function isWideLayout() {
  return window.matchMedia(WIDE_LAYOUT).matches;
}

/** A language code shown by the language's own name, marked up in that language. */
export function languageChip(code) {
  return el('span', { class: 'chip chip-lang', lang: code, dir: 'auto' }, LANGUAGE_NAMES.get(code) || String(code || ''));
}

export function chip(text, extraClass = '') {
  return el('span', { class: `chip ${extraClass}`.trim() }, text);
}

/** An element of an inline SVG chart (attributes only: the CSP forbids inline styles). */
export function svgEl(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) node.append(child);
  }
  return node;
}
