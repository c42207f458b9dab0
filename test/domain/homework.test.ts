import { checkDefinition, homeworkGiven, homeworkInMessage, homeworkText, isHttpLink, isOnlyLink, MAX_SUBMISSION_LENGTH, MAX_TRANSLATED_NOTE, reviewHomework, submitHomework, type HomeworkDefinition } from '../../src/domain/homework';
import { move, startJourney, type Journey, type JourneyStage } from '../../src/domain/journey';

const T0 = new Date('2026-12-01T10:00:00.000Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const sara = { kind: 'mentor' as const, id: 'acc-sara', firstName: 'Sara' };
const PREFIXES = ['my homework', 'homework', 'huiswerk', 'mijn huiswerk', 'واجبي', 'الواجب', 'ödevim', 'odevim', 'تکلیفم', 'تكليفم', 'ዕዮ ገዛይ'];

function at_(stage: JourneyStage): Journey {
  const path: JourneyStage[] = ['motivation', 'mentor-talk-booked', 'mentor-talk-held', 'homework-given', 'homework-submitted'];
  let journey = startJourney(T0);
  for (const to of path.slice(0, path.indexOf(stage) + 1)) {
    const moved = move(journey, to, to === 'homework-submitted' ? { kind: 'bot' } : sara, 'step', at(1));
    if (!moved.ok) throw new Error(moved.refusal.message);
    journey = moved.journey;
  }
  return journey;
}

const def: HomeworkDefinition = { track: 'eligible', texts: { nl: 'Maak een pagina.', en: 'Make a page.' }, link: 'https://example.org/hw', days: 10, updatedAt: T0.toISOString(), updatedBy: 'noor' };

describe('homework definitions', () => {
  it('takes only http(s) links', () => {
    expect(isHttpLink('https://example.org/hw')).toBe(true);
    expect(isHttpLink('http://example.org')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'ftp://example.org/x', 'mailto:a@b.nl', 'example.org', 'https://exa mple.org', 'file:///etc/passwd']) expect(isHttpLink(bad)).toBe(false);
    expect(checkDefinition({ ...def, link: 'javascript:alert(1)' })).toBe('link-not-http');
  });

  it('needs a text, and days from 1 to 90', () => {
    expect(checkDefinition(def)).toBeUndefined();
    expect(checkDefinition({ ...def, texts: { nl: '  ' } })).toBe('text-missing');
    expect(checkDefinition({ ...def, days: 0 })).toBe('days-out-of-range');
    expect(checkDefinition({ ...def, days: 91 })).toBe('days-out-of-range');
    expect(checkDefinition({ ...def, texts: { nl: 'x'.repeat(1001) } })).toBe('text-too-long');
  });

  it('gives the text in the person’s language, else Dutch, else English', () => {
    expect(homeworkText(def, 'en')).toBe('Make a page.');
    expect(homeworkText(def, 'ar')).toBe('Maak een pagina.');
    expect(homeworkText({ ...def, texts: { en: 'Make a page.' } }, 'ti')).toBe('Make a page.');
  });

  it('sets the due date from the track’s days when the homework is given', () => {
    const given = homeworkGiven(at_('homework-given'), def, at(2), 14);
    expect(given.homework).toMatchObject({ track: 'eligible', link: 'https://example.org/hw', givenAt: at(2).toISOString(), due: at(12).toISOString(), submissions: [], reviews: [] });
    expect(homeworkGiven(at_('homework-given'), undefined, at(2), 14).homework!.due).toBe(at(16).toISOString());
  });
});

describe('handing in and reviewing', () => {
  it('moves the person to homework-submitted with what they sent', () => {
    const result = submitHomework(at_('homework-given'), '  https://github.com/amal/page  ', at(3));
    if (!result.ok) throw new Error('should be taken');
    expect(result.journey.stage).toBe('homework-submitted');
    expect(result.journey.moves.at(-1)).toMatchObject({ from: 'homework-given', to: 'homework-submitted', by: { kind: 'bot' } });
    expect(result.journey.homework!.submissions).toEqual([{ at: at(3).toISOString(), text: 'https://github.com/amal/page' }]);
  });

  it('refuses homework over 4,096 characters, an empty one, and one from a person not at homework-given', () => {
    expect(submitHomework(at_('homework-given'), 'x'.repeat(MAX_SUBMISSION_LENGTH + 1), at(3))).toEqual({ ok: false, problem: 'too-long' });
    expect(submitHomework(at_('homework-given'), 'x'.repeat(MAX_SUBMISSION_LENGTH), at(3)).ok).toBe(true);
    expect(submitHomework(at_('homework-given'), '   ', at(3))).toEqual({ ok: false, problem: 'empty' });
    expect(submitHomework(at_('mentor-talk-held'), 'my page', at(3))).toEqual({ ok: false, problem: 'not-at-homework' });
  });

  it('passed moves on to homework-reviewed; try again goes back to homework-given with a new due date', () => {
    const submitted = at_('homework-submitted');
    const passed = reviewHomework(submitted, 'passed', 'Goed gedaan!', sara, at(4), 10);
    if (!passed.ok) throw new Error(passed.refusal.message);
    expect(passed.journey.stage).toBe('homework-reviewed');
    expect(passed.journey.homework!.reviews).toEqual([{ at: at(4).toISOString(), by: sara, verdict: 'passed', note: 'Goed gedaan!' }]);
    const again = reviewHomework(submitted, 'again', 'Voeg een foto toe.', sara, at(4), 10);
    if (!again.ok) throw new Error(again.refusal.message);
    expect(again.journey.stage).toBe('homework-given');
    expect(again.journey.homework!.due).toBe(at(14).toISOString());
  });

  it('keeps the note as written and, when the person got it translated, the translation (bounded)', () => {
    const translated = reviewHomework(at_('homework-submitted'), 'again', 'Voeg een foto toe.', sara, at(4), 10, { text: 'أضيفي صورة.', to: 'ar', from: 'nl' });
    if (!translated.ok) throw new Error(translated.refusal.message);
    expect(translated.journey.homework!.reviews.at(-1)).toEqual({ at: at(4).toISOString(), by: sara, verdict: 'again', note: 'Voeg een foto toe.', translated: { text: 'أضيفي صورة.', to: 'ar', from: 'nl' } });
    const long = reviewHomework(at_('homework-submitted'), 'passed', 'ok', sara, at(4), 10, { text: 'x'.repeat(MAX_TRANSLATED_NOTE + 50), to: 'ti' });
    if (!long.ok) throw new Error(long.refusal.message);
    expect(long.journey.homework!.reviews.at(-1)!.translated!.text).toHaveLength(MAX_TRANSLATED_NOTE);
  });

  it('a review the table forbids is refused: the bot may not review, nor may anyone before the homework came in', () => {
    const byBot = reviewHomework(at_('homework-submitted'), 'passed', 'ok', { kind: 'bot' }, at(4), 10);
    expect(byBot.ok ? null : byBot.refusal.code).toBe('not-for-actor');
    const early = reviewHomework(at_('mentor-talk-held'), 'passed', 'ok', sara, at(4), 10);
    expect(early.ok ? null : early.refusal.code).toBe('not-allowed');
    const passed = reviewHomework(at_('homework-submitted'), 'passed', 'ok', sara, at(4), 10);
    if (!passed.ok) throw new Error(passed.refusal.message);
    const twice = reviewHomework(passed.journey, 'again', 'once more', sara, at(5), 10);
    expect(twice.ok ? null : twice.refusal.code).toBe('not-allowed');
  });
});

describe('homework in a chat message', () => {
  it.each([
    ['my homework: https://github.com/amal/page', 'https://github.com/amal/page'],
    ['My Homework - I made a page about my city', 'I made a page about my city'],
    ['huiswerk: https://codepen.io/amal/pen/x1', 'https://codepen.io/amal/pen/x1'],
    ['Mijn huiswerk:https://example.org', 'https://example.org'],
    ['واجبي: https://github.com/amal', 'https://github.com/amal'],
    ['ÖDEVİM: sayfamı yaptım', 'sayfamı yaptım'],
    ['odevim https://github.com/x', 'https://github.com/x'],
    ['تکلیفم: https://github.com/x', 'https://github.com/x'],
    ['ዕዮ ገዛይ: https://github.com/x', 'https://github.com/x'],
  ])('%s', (message, handedIn) => {
    expect(homeworkInMessage(message, PREFIXES)).toBe(handedIn);
  });

  it('does not read other messages as homework', () => {
    for (const other of ['homeworkers are welcome?', 'what is the homework?', 'homework help please', 'huiswerk is moeilijk', 'waar sta ik', 'https://example.org']) expect(homeworkInMessage(other, PREFIXES)).toBeUndefined();
  });

  it('knows a message that is only a web link', () => {
    expect(isOnlyLink(' https://github.com/amal/page ')).toBe(true);
    expect(isOnlyLink('see https://github.com/amal/page')).toBe(false);
    expect(isOnlyLink('javascript:alert(1)')).toBe(false);
  });
});
