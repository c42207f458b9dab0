// @ts-check

import { AUDIT_DEFAULT_DAYS, NUMBERS_DEFAULT_DAYS } from '../constants.js';
import { ui } from '../elements.js';
import { dayBefore } from '../format.js';
import { closeConversation, openConversation, refreshLists } from '../handoffs/actions.js';
import { restoreListScroll } from '../router.js';
import { registerPages } from '../pageList.js';
import { state } from '../state.js';
import { enter as enterAnswers, clear as clearAnswers } from './answers.js';
import { api } from '../api.js';
import { t } from '../texts.js';
import { loadAudit, renderAudit } from './audit.js';
import { accountsPage } from './accounts.js';
import { securityPage } from './security.js';
import { writeRange } from './common.js';
import { loadNumbers, renderNumbers } from './numbers.js';
import { loadPeople, renderPeople } from './people.js';
import { loadQuestions, renderQuestions } from './questions.js';
import { loadTranscript, renderTranscript } from './transcript.js';
import { loadTranscripts, renderTranscriptsPage } from './transcripts.js';
import { journeyPage } from './journey.js';
import { poolPage } from './pool.js';
import { repliesPage } from './replies.js';
import { followUpsPage } from './followUps.js';
import { slotsPage } from './slots.js';
import { clearMemory } from '../handoffs/memory.js';

/**
 * One page of the console (a location.hash route).
 * @typedef {object} Page
 * @property {string} name             the route (#/name)
 * @property {readonly string[]} roles who may see it (the server checks again)
 * @property {boolean} tab             has a tab in the top navigation
 * @property {() => HTMLElement} section  the element shown for it
 * @property {() => HTMLElement} heading  focused when one arrives on the page
 * @property {boolean} [scrollsItself] on a laptop the section scrolls, not the document
 * @property {(arrival: Arrival) => boolean | void} enter  loads and draws it; true when it put the focus somewhere itself
 * @property {() => void} [render]     redraws it in the current language
 * @property {() => void} [clear]      forgets what it shows (at sign-out)
 *
 * @typedef {{ id: string | null, previous: import('../state.js').Route | null, samePage: boolean, initial: boolean }} Arrival
 */

const STAFF = ['staff', 'admin'];
const EVERYONE = ['mentor', 'admin', 'staff'];

/** @type {Page} */
const handoffs = {
  name: 'handoffs',
  roles: EVERYONE,
  tab: true,
  section: () => ui.viewConsole,
  heading: () => ui.waitingTitle,
  enter({ id, previous, samePage, initial }) {
    if (!samePage && !initial) refreshLists();
    if (id && !samePage) openConversation(id);
    // Back (or the tab) from a conversation in the address: the lists again.
    else if (!id && previous && previous.page === 'handoffs' && previous.id && state.openId) {
      closeConversation();
      return true; // the focus is back on the person's card
    }
  },
  clear: clearMemory,
};

/** @type {Page} */
const transcripts = {
  name: 'transcripts',
  roles: EVERYONE,
  tab: true,
  section: () => ui.pages.transcripts,
  heading: () => ui.transcriptsTitle,
  scrollsItself: true,
  enter({ previous }) {
    const page = state.pages.transcripts;
    renderTranscriptsPage();
    if (!page.loaded && !page.loading) loadTranscripts();
    else if (previous && previous.page === 'transcript') {
      restoreListScroll(previous.id);
      return true; // focus went back to the item that was open
    }
  },
  render: renderTranscriptsPage,
  clear() {
    ui.transcriptFilter.reset();
    ui.transcriptList.replaceChildren();
  },
};

/** @type {Page} */
const transcript = {
  name: 'transcript',
  roles: EVERYONE,
  tab: false,
  section: () => ui.pages.transcript,
  heading: () => ui.tvTitle,
  scrollsItself: true,
  enter({ id, previous, samePage }) {
    state.pages.transcript.fromList = !!(previous && previous.page === 'transcripts');
    if (!samePage || !state.pages.transcript.data) loadTranscript(String(id));
  },
  render() {
    if (state.route && state.route.page === 'transcript') renderTranscript();
  },
  clear() {
    for (const node of [ui.tvTimeline, ui.tvIntake, ui.tvResultContent, ui.tvMeta, ui.tvTitle]) node.replaceChildren();
  },
};

/** @type {Page} */
const numbers = {
  name: 'numbers',
  roles: STAFF,
  tab: true,
  section: () => ui.pages.numbers,
  heading: () => ui.numbersTitle,
  scrollsItself: true,
  enter() {
    if (!state.pages.numbers.range) {
      state.pages.numbers.range = { from: dayBefore(NUMBERS_DEFAULT_DAYS - 1), to: dayBefore(0) };
      writeRange(ui.numbersFrom, ui.numbersTo, state.pages.numbers.range);
      loadNumbers();
    }
    renderNumbers();
  },
  render: renderNumbers,
  clear() {
    ui.numbersForm.reset();
    const charts = [ui.funnel, ui.waitBuckets, ui.byWeek, ui.byLanguage, ui.faqFeedback, ui.funnelByLanguage, ui.waitByWeek, ui.waitByLanguage, ui.numbersKpis];
    for (const node of charts) node.replaceChildren();
    document.getElementById('close-outcomes')?.replaceChildren();
  },
};

/** @type {Page} */
const people = {
  name: 'people',
  roles: STAFF,
  tab: true,
  section: () => ui.pages.people,
  heading: () => ui.peopleTitle,
  scrollsItself: true,
  enter() {
    if (!state.pages.people.loaded && !state.pages.people.loading) loadPeople();
    renderPeople();
  },
  render: renderPeople,
  clear() {
    ui.peopleForm.reset();
    ui.peopleList.replaceChildren();
    ui.eraseInput.value = '';
    if (ui.eraseDialog.open) ui.eraseDialog.close();
  },
};

/** @type {Page} */
const questions = {
  name: 'questions',
  roles: STAFF,
  tab: true,
  section: () => ui.pages.questions,
  heading: () => ui.questionsTitle,
  scrollsItself: true,
  enter() {
    if (!state.pages.questions.loaded && !state.pages.questions.loading) loadQuestions();
    renderQuestions();
  },
  render() {
    // The topics' titles came in the language shown before: asked for again in the new one.
    const page = state.pages.questions;
    if (page.loaded && !page.loading && page.titlesLang !== state.lang) loadQuestions();
    else renderQuestions();
  },
  clear() {
    ui.questionsForm.reset();
    ui.questionsList.replaceChildren();
  },
};

/** The FAQ answers staff edit: a module of its own (answers.js), given the API client and the texts. */
const answersHost = () => ({ api, t, lang: state.lang });
/** @type {Page} */
const answers = {
  name: 'answers',
  roles: STAFF,
  tab: true,
  section: () => ui.pages.answers,
  heading: () => /** @type {HTMLElement} */ (document.getElementById('answers-title') || ui.pages.answers),
  scrollsItself: true,
  enter() {
    enterAnswers(answersHost());
  },
  render() {
    if (state.route && state.route.page === 'answers') enterAnswers(answersHost());
  },
  clear: clearAnswers,
};

/** @type {Page} */
const audit = {
  name: 'audit',
  roles: ['admin'],
  tab: true,
  section: () => ui.pages.audit,
  heading: () => ui.auditTitle,
  scrollsItself: true,
  enter() {
    if (!state.pages.audit.range) {
      state.pages.audit.range = { from: dayBefore(AUDIT_DEFAULT_DAYS - 1), to: dayBefore(0) };
      writeRange(ui.auditFrom, ui.auditTo, state.pages.audit.range);
      loadAudit();
    }
    renderAudit();
  },
  render: renderAudit,
  clear() {
    ui.auditForm.reset();
    ui.auditRows.replaceChildren();
  },
};

/**
 * Every page, tabs in this order. A new page: its <section class="page" hidden> in index.html, its
 * module in pages/, and its Page (defined here or exported by that module) in this list.
 * @type {readonly Page[]}
 */
export const PAGES = [handoffs, followUpsPage, slotsPage, transcripts, transcript, numbers, people, journeyPage, poolPage, questions, answers, repliesPage, audit, accountsPage, securityPage];

/** @param {string} name */
export const pageNamed = (name) => PAGES.find((page) => page.name === name);

registerPages(PAGES);
