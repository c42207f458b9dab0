import type { NewUnanswered, UnansweredQuestions } from '../../src/people/unansweredQuestions';

const DAY = 86400000;
const asked = (at: string, author = 'a1b2c3', text = 'do I need my own laptop'): NewUnanswered => ({
  text,
  lang: 'en',
  at,
  reason: 'unsure',
  guess: { intent: 'language-level', confidence: 0.41 },
  author,
});

/**
 * What every UnansweredQuestions must do. `make(retentionMs, now)` returns an empty store whose clock is `now`.
 */
export function unansweredQuestionsContract(make: (retentionMs: number, now: () => Date) => UnansweredQuestions): void {
  let clock = new Date('2026-12-06T12:00:00.000Z');
  const now = () => clock;
  beforeEach(() => {
    clock = new Date('2026-12-06T12:00:00.000Z');
  });

  it('keeps what was added, open, newest first, and finds it by id', async () => {
    const store = make(30 * DAY, now);
    const first = await store.add(asked('2026-12-05T09:00:00.000Z'));
    const second = await store.add(asked('2026-12-06T09:00:00.000Z', 'd4e5f6', 'kinderopvang?'));
    expect(first.status).toBe('open');
    expect((await store.list()).map((e) => e.id)).toEqual([second.id, first.id]);
    expect(await store.get(first.id)).toEqual(first);
    expect(await store.get('no-such-id')).toBeUndefined();
  });

  it('records what staff decided, with who and when; an example keeps its topic', async () => {
    const store = make(30 * DAY, now);
    const entry = await store.add(asked('2026-12-06T09:00:00.000Z'));
    const decided = await store.decide(entry.id, { status: 'example', topic: 'costs', by: 'sara', at: '2026-12-06T10:00:00.000Z' });
    expect(decided).toEqual({ ...entry, status: 'example', topic: 'costs', decidedBy: 'sara', decidedAt: '2026-12-06T10:00:00.000Z' });
    expect(await store.get(entry.id)).toEqual(decided);
    const other = await store.decide(entry.id, { status: 'out-of-scope', by: 'omar', at: '2026-12-06T11:00:00.000Z' });
    expect(other?.topic).toBeUndefined();
    expect(await store.decide('no-such-id', { status: 'out-of-scope', by: 'sara', at: '2026-12-06T11:00:00.000Z' })).toBeUndefined();
  });

  it('forgets open and decided questions after the retention period, but keeps those that became examples', async () => {
    const store = make(30 * DAY, now);
    const open = await store.add(asked('2026-12-01T09:00:00.000Z'));
    const out = await store.add(asked('2026-12-01T09:00:00.000Z'));
    const example = await store.add(asked('2026-12-01T09:00:00.000Z'));
    await store.decide(out.id, { status: 'out-of-scope', by: 'sara', at: '2026-12-01T10:00:00.000Z' });
    await store.decide(example.id, { status: 'example', topic: 'costs', by: 'sara', at: '2026-12-01T10:00:00.000Z' });
    clock = new Date(Date.parse('2026-12-01T09:00:00.000Z') + 30 * DAY - 1);
    expect((await store.list()).length).toBe(3);
    clock = new Date(Date.parse('2026-12-01T09:00:00.000Z') + 30 * DAY + 1);
    expect((await store.list()).map((e) => e.id)).toEqual([example.id]);
    expect(await store.get(open.id)).toBeUndefined();
  });

  it('gives and erases the entries of one author only, examples included', async () => {
    const store = make(30 * DAY, now);
    const mine = await store.add(asked('2026-12-06T09:00:00.000Z', 'me'));
    await store.decide(mine.id, { status: 'example', topic: 'costs', by: 'sara', at: '2026-12-06T10:00:00.000Z' });
    await store.add(asked('2026-12-06T09:30:00.000Z', 'me'));
    const theirs = await store.add(asked('2026-12-06T09:00:00.000Z', 'them'));
    expect((await store.byAuthor('me')).length).toBe(2);
    expect(await store.eraseAuthor('me')).toBe(2);
    expect(await store.byAuthor('me')).toEqual([]);
    expect((await store.list()).map((e) => e.id)).toEqual([theirs.id]);
    expect(await store.eraseAuthor('me')).toBe(0);
  });

  it('does not bring back an erased entry when staff decide on it afterwards', async () => {
    const store = make(30 * DAY, now);
    const entry = await store.add(asked('2026-12-06T09:00:00.000Z', 'me'));
    await store.eraseAuthor('me');
    expect(await store.decide(entry.id, { status: 'example', topic: 'costs', by: 'sara', at: '2026-12-06T10:00:00.000Z' })).toBeUndefined();
    expect(await store.list()).toEqual([]);
  });
}
