// @ts-check
/*
 * The console's pages (js/pages/index.js registers them when main.js loads it), for the modules that
 * need them without being above every page: the router, the views, the session. So no page module
 * and none of these import each other in a circle.
 */

/** @typedef {import('./pages/index.js').Page} Page */

/** @type {readonly Page[]} */
let pages = [];

/** @param {readonly Page[]} list */
export function registerPages(list) {
  pages = list;
}

/** Every page, tabs in their order. */
export const allPages = () => pages;

/** @param {string} name */
export const pageNamed = (name) => pages.find((page) => page.name === name);
