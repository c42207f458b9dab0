// @ts-check

import { state } from './state.js';
import { t } from './texts.js';

/*
 * Alerting the mentor: a short sound (WebAudio, nothing to fetch, so the CSP stays as it is) and a
 * desktop notification (the Notification API). Off until the mentor turns the switch on; the browser
 * is asked for permission once, on that click; the choice is remembered in this browser.
 */

const SWITCH_KEY = 'vit.console.alerts';
const ASKED_KEY = 'vit.console.notificationAsked';

/** @type {AudioContext | null} */
let audio = null;

/** @param {string} key */
function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked: nothing remembered
  }
}

/** @param {string} key @param {string} value */
function store(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage blocked: the switch holds for this page only
  }
}

/** Whether the mentor turned the alerts on (in this browser). */
export function alertsOn() {
  return stored(SWITCH_KEY) === 'on';
}

const notifications = () => (typeof window.Notification === 'function' ? window.Notification : null);

/** Whether the browser will show a desktop notification. */
export function desktopAllowed() {
  const api = notifications();
  return !!api && api.permission === 'granted';
}

/**
 * The switch, on a click (a user gesture, which both the sound and the permission question need):
 * turning it on wakes the sound and asks the browser for notifications, once ever.
 * @param {boolean} on
 */
export async function setAlerts(on) {
  store(SWITCH_KEY, on ? 'on' : 'off');
  if (!on) return;
  wakeSound();
  const api = notifications();
  if (api && api.permission === 'default' && stored(ASKED_KEY) !== 'yes') {
    store(ASKED_KEY, 'yes');
    try {
      await api.requestPermission();
    } catch {
      // an old browser without the promise form: it stays "default", and the sound still plays
    }
  }
}

/** The audio context, made (or resumed) while a click is being handled: browsers keep sound off until then. */
export function wakeSound() {
  const Context = window.AudioContext;
  if (typeof Context !== 'function') return;
  try {
    if (!audio) audio = new Context();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = null;
  }
}

/** Two short soft tones. */
export function playChime() {
  if (!audio) wakeSound();
  if (!audio) return;
  const start = audio.currentTime;
  for (const [offset, frequency] of /** @type {const} */ ([[0, 880], [0.18, 660]])) {
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.type = 'sine';
    tone.frequency.value = frequency;
    volume.gain.setValueAtTime(0.0001, start + offset);
    volume.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
    volume.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.16);
    tone.connect(volume).connect(audio.destination);
    tone.start(start + offset);
    tone.stop(start + offset + 0.18);
  }
}

/**
 * Alerts the mentor, when the switch is on: the sound, and a desktop notification with `body` (what
 * the lists show already: a name or the person's code, a language; never a message's text). `tag`
 * makes a second alert about the same thing replace the first.
 * @param {string} body
 * @param {string} tag
 */
export function alertMentor(body, tag) {
  if (!alertsOn()) return;
  playChime();
  const api = notifications();
  if (!api || api.permission !== 'granted') return;
  try {
    const shown = new api(t('app.title'), { body, tag, lang: state.lang, dir: state.dir });
    shown.addEventListener('click', () => {
      window.focus();
      shown.close();
    });
  } catch {
    // Some mobile browsers only notify from a service worker: the sound and the badges remain.
  }
}
