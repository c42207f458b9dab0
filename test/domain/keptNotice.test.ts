import { keptNoticeDue, HandoffMessage } from '../../src/domain/handoff';

const at = (minute: number, from: HandoffMessage['from'] = 'person'): HandoffMessage => ({ at: new Date(Date.UTC(2026, 10, 25, 10, minute)).toISOString(), from, text: 'x' });
const now = (minute: number) => new Date(Date.UTC(2026, 10, 25, 10, minute));

describe('"your message is kept" while waiting', () => {
  it('is due at the first message, also when a mentor wrote before', () => {
    expect(keptNoticeDue([], now(0))).toBe(true);
    expect(keptNoticeDue([at(0, 'mentor')], now(1))).toBe(true);
  });

  it('comes at most once in five minutes, counted from the last notice, not from the last message', () => {
    // Notices at 0 and at 5; a person writing every minute hears it every five minutes.
    const steady = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((m) => at(m));
    expect(keptNoticeDue(steady, now(10))).toBe(true);
    expect(keptNoticeDue(steady.slice(0, 6), now(6))).toBe(false);
    expect(keptNoticeDue([at(0), at(4)], now(5))).toBe(true);
    expect(keptNoticeDue([at(0), at(4)], now(4.5))).toBe(false);
  });
});
