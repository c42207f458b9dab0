import type { ReminderContact, ReminderStore } from '../../src/reminders/reminderStore';

const contact: ReminderContact = {
  conversation: { channelId: 'whatsapp', serviceUrl: 'whatsapp://graph', conversation: { id: 'whatsapp:NL.31612345678' }, user: { id: 'NL.31612345678' }, bot: { id: 'vit-bot' } },
  language: 'ar',
};
const AT = '2026-12-08T13:00:00.000Z';
const LATER = '2026-12-08T14:00:00.000Z';

/** What every ReminderStore must do. `make()` returns an empty store. */
export function reminderStoreContract(make: () => ReminderStore): void {
  it('keeps planned reminders with the contact, and forgets one on request', async () => {
    const store = make();
    expect(await store.get('p1')).toBeUndefined();
    await store.plan('p1', contact, 'talk-b1-day', { at: AT, text: 'reminders:talk.day', args: { when: 'x', link: 'y' }, template: ['x', 'y'] });
    expect(await store.get('p1')).toEqual({ contact, stopped: false, planned: { 'talk-b1-day': { at: AT, text: 'reminders:talk.day', args: { when: 'x', link: 'y' }, template: ['x', 'y'] } } });
    await store.unplan('p1', 'talk-b1-day');
    expect((await store.get('p1'))?.planned).toEqual({});
  });

  it('records "stop reminders" and "start reminders"', async () => {
    const store = make();
    await store.setStopped('p2', true, contact);
    expect(await store.get('p2')).toMatchObject({ stopped: true, contact });
    await store.setStopped('p2', false);
    expect((await store.get('p2'))?.stopped).toBe(false);
  });

  it('gives the claim of a reminder to one caller only; a released claim can be taken again; a sent one says so', async () => {
    const store = make();
    await store.plan('p3', contact, 'r', { at: AT, text: 't', args: {}, template: [] });
    const claims = await Promise.all([store.claim('p3', 'r', AT), store.claim('p3', 'r', AT), store.claim('p3', 'r', AT)]);
    expect(claims.sort()).toEqual(['claimed', 'sending', 'sending']);
    await store.release('p3', 'r', AT);
    expect(await store.claim('p3', 'r', AT)).toBe('claimed');
    await store.sent('p3', 'r', AT);
    expect(await store.claim('p3', 'r', AT)).toBe('sent');
    expect((await store.get('p3'))?.planned).toEqual({});
    expect(await store.claim('p3', 'r', LATER)).toBe('claimed'); // the same reminder planned for another time is another send
  });

  it('marking a reminder sent keeps it planned when it was planned anew for another time meanwhile', async () => {
    const store = make();
    await store.plan('p4', contact, 'r', { at: LATER, text: 't', args: {}, template: [] });
    await store.sent('p4', 'r', AT);
    expect((await store.get('p4'))?.planned.r?.at).toBe(LATER);
  });

  it('erases everything on the person in one step', async () => {
    const store = make();
    await store.plan('p5', contact, 'r', { at: AT, text: 't', args: {}, template: [] });
    await store.claim('p5', 'r', AT);
    await store.erase('p5');
    expect(await store.get('p5')).toBeUndefined();
    expect(await store.claim('p5', 'r', AT)).toBe('claimed');
  });
}
