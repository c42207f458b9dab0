import type { MentorPresenceStore } from '../../src/handover/mentorPresenceStore';

const t0 = new Date('2026-12-06T10:00:00.000Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

/** What every MentorPresenceStore must do; `make` gives an empty store. */
export function mentorPresenceStoreContract(make: () => MentorPresenceStore): void {
  it('knows nothing of an account that never used the console', async () => {
    const store = make();
    expect(await store.get('sara')).toBeUndefined();
    expect(await store.many(['sara', 'omar'])).toEqual(new Map());
  });

  it('keeps the chosen status with the time it was chosen', async () => {
    const store = make();
    expect(await store.setStatus('sara', 'off', t0)).toEqual({ status: 'off', lastActiveAt: t0.toISOString() });
    expect(await store.get('sara')).toEqual({ status: 'off', lastActiveAt: t0.toISOString() });
    await store.setStatus('sara', 'available', later(1));
    expect(await store.get('sara')).toEqual({ status: 'available', lastActiveAt: later(1).toISOString() });
  });

  it('notes activity without changing a chosen status, and makes a new account available', async () => {
    const store = make();
    await store.setStatus('sara', 'away', t0);
    expect(await store.touch('sara', later(5))).toEqual({ status: 'away', lastActiveAt: later(5).toISOString() });
    expect(await store.touch('omar', later(6))).toEqual({ status: 'available', lastActiveAt: later(6).toISOString() });
    expect(await store.get('omar')).toEqual({ status: 'available', lastActiveAt: later(6).toISOString() });
  });

  it('gives several accounts at once, leaving out those never seen', async () => {
    const store = make();
    await store.setStatus('sara', 'off', t0);
    await store.touch('omar', later(1));
    const many = await store.many(['sara', 'lina', 'omar']);
    expect([...many.entries()].sort()).toEqual([
      ['omar', { status: 'available', lastActiveAt: later(1).toISOString() }],
      ['sara', { status: 'off', lastActiveAt: t0.toISOString() }],
    ]);
  });
}
