import { needsReplySince, unreadCount, waitLimitAt } from '../../src/domain/handoffNotice';
import type { HandoffMessage } from '../../src/domain/handoff';

const m = (from: 'person' | 'mentor', minute: number): HandoffMessage => ({ from, at: `2026-12-06T10:${String(minute).padStart(2, '0')}:00.000Z`, text: `${from} ${minute}` });

describe('what a mentor is to notice', () => {
  it.each([
    ['nothing read', [m('person', 1), m('mentor', 2), m('person', 3)], 0, 2],
    ['the first two read', [m('person', 1), m('mentor', 2), m('person', 3)], 2, 1],
    ['all read', [m('person', 1), m('mentor', 2), m('person', 3)], 3, 0],
    ['the mentor\u2019s own messages after the marker', [m('person', 1), m('mentor', 2), m('mentor', 3)], 1, 0],
    ['a marker beyond the end', [m('person', 1)], 5, 0],
  ] as const)('unreadCount: %s', (_, messages, read, expected) => {
    expect(unreadCount(messages, read)).toBe(expected);
  });

  it.each([
    ['nobody spoke', [], undefined],
    ['the mentor spoke last', [m('person', 1), m('mentor', 2)], undefined],
    ['the person spoke last, twice', [m('person', 1), m('mentor', 2), m('person', 3), m('person', 4)], '2026-12-06T10:03:00.000Z'],
    ['only the person spoke', [m('person', 5)], '2026-12-06T10:05:00.000Z'],
  ] as const)('needsReplySince: %s', (_, messages, expected) => {
    expect(needsReplySince(messages)).toBe(expected);
  });

  it('waitLimitAt adds the minutes to the start of the wait', () => {
    expect(waitLimitAt('2026-12-06T10:15:30.123Z', 20)).toBe('2026-12-06T10:35:30.123Z');
    expect(waitLimitAt('not a time', 20)).toBeUndefined();
  });
});
