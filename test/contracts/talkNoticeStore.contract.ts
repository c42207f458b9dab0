import { MAX_TALK_NOTICES, type TalkNotice, type TalkNoticeStore } from '../../src/people/talkNoticeStore';

const notice = (n: number, extra: Partial<TalkNotice> = {}): TalkNotice => ({
  id: `n${n}`,
  kind: 'booked',
  slotId: `slot-${n}`,
  start: '2026-12-10T13:00:00.000Z',
  durationMinutes: 30,
  language: 'ar',
  link: 'https://meet.example.org/sara',
  bookedAt: `2026-12-07T09:${String(n % 60).padStart(2, '0')}:00.000Z`,
  at: `2026-12-07T09:${String(n % 60).padStart(2, '0')}:00.000Z`,
  ...extra,
});

/** What every TalkNoticeStore must do. `make()` returns an empty store. */
export function talkNoticeStoreContract(make: () => TalkNoticeStore): void {
  it('has no notices and no seen time for a mentor it never heard of', async () => {
    expect(await make().get('mentor-a')).toEqual({ notices: [] });
  });

  it('keeps each mentor\'s notices apart, newest first, as they were added', async () => {
    const store = make();
    await store.add('mentor-a', notice(1));
    await store.add('mentor-b', notice(2, { kind: 'cancelled', language: 'nl' }));
    await store.add('mentor-a', notice(3));
    expect(await store.get('mentor-a')).toEqual({ notices: [notice(3), notice(1)] });
    expect(await store.get('mentor-b')).toEqual({ notices: [notice(2, { kind: 'cancelled', language: 'nl' })] });
  });

  it('keeps the newest MAX_TALK_NOTICES only', async () => {
    const store = make();
    for (let n = 0; n < MAX_TALK_NOTICES + 5; n++) await store.add('mentor-a', notice(n));
    const { notices } = await store.get('mentor-a');
    expect(notices).toHaveLength(MAX_TALK_NOTICES);
    expect(notices[0].id).toBe(`n${MAX_TALK_NOTICES + 4}`);
    expect(notices.at(-1)!.id).toBe('n5');
  });

  it('remembers when the mentor last looked, per mentor; a later look replaces it', async () => {
    const store = make();
    await store.add('mentor-a', notice(1));
    await store.markSeen('mentor-a', '2026-12-07T10:00:00.000Z');
    await store.markSeen('mentor-a', '2026-12-07T11:00:00.000Z');
    expect(await store.get('mentor-a')).toEqual({ notices: [notice(1)], seenAt: '2026-12-07T11:00:00.000Z' });
    expect((await store.get('mentor-b')).seenAt).toBeUndefined();
  });
}
