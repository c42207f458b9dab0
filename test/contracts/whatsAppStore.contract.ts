import type { WhatsAppStore } from '../../src/channels/whatsapp/whatsAppStore';

/**
 * What every WhatsAppStore must do: one
 * lasting key per person whatever Meta starts sending, the 24-hour window, held texts in order, sent
 * mentor messages until their status comes, and erasure of everything about a person.
 * `make` returns a fresh, empty store.
 */
export function whatsAppStoreContract(make: () => WhatsAppStore): void {
  it('keeps the first key of a person when Meta starts sending their BSUID, and finds them by either', async () => {
    const store = make();
    expect(await store.personKeyFor({ phone: '31611111111' }, '31611111111')).toBe('31611111111');
    expect(await store.personKeyFor({ phone: '31611111111', bsuid: 'NL.abc' }, 'NL.abc')).toBe('31611111111');
    expect(await store.personKeyFor({ bsuid: 'NL.abc' }, 'NL.abc')).toBe('31611111111'); // number hidden later
    expect(await store.personKeyFor({ phone: '31622222222', bsuid: 'NL.def' }, 'NL.def')).toBe('NL.def'); // new person
    expect(await store.personKeyFor({ phone: '31622222222' }, '31622222222')).toBe('NL.def');
  });

  it('remembers a person’s address and last message, adding what Meta sends later', async () => {
    const store = make();
    expect(await store.person('p1')).toBeUndefined();
    await store.touch('p1', { phone: '31611111111' }, new Date('2026-05-01T10:00:00Z'));
    await store.touch('p1', { bsuid: 'NL.abc' }, new Date('2026-05-01T11:00:00Z'));
    expect(await store.person('p1')).toEqual({ address: { phone: '31611111111', bsuid: 'NL.abc' }, lastInboundAt: '2026-05-01T11:00:00.000Z' });
  });

  it('holds texts in order, counts them, and hands them over once', async () => {
    const store = make();
    expect(await store.heldCount('p1')).toBe(0);
    expect(await store.hold('p1', 'een')).toBe(1);
    expect(await store.hold('p1', 'twee')).toBe(2);
    expect(await store.heldCount('p1')).toBe(2);
    expect(await store.heldMessages('p1')).toEqual(['een', 'twee']); // looking takes nothing
    expect(await store.takeHeld('p1')).toEqual(['een', 'twee']);
    expect(await store.takeHeld('p1')).toEqual([]);
    expect(await store.heldCount('p1')).toBe(0);
  });

  it('gives back the mentor message a sent id carried, once', async () => {
    const store = make();
    await store.rememberSent('wamid.out1', { personKey: 'p1', text: 'Hoi', locale: 'ar' });
    expect(await store.takeSent('wamid.out1')).toEqual({ personKey: 'p1', text: 'Hoi', locale: 'ar' });
    expect(await store.takeSent('wamid.out1')).toBeUndefined();
    expect(await store.takeSent('wamid.unknown')).toBeUndefined();
  });

  it('erases everything about a person, and no one else', async () => {
    const store = make();
    const key = await store.personKeyFor({ phone: '31611111111', bsuid: 'NL.abc' }, 'NL.abc');
    await store.touch(key, { phone: '31611111111', bsuid: 'NL.abc' }, new Date());
    await store.hold(key, 'vasthouden');
    await store.rememberSent('wamid.out2', { personKey: key, text: 'Hoi' });
    await store.touch('other', { phone: '31699999999' }, new Date());
    await store.hold('other', 'blijft');
    await store.erase(key);
    expect(await store.person(key)).toBeUndefined();
    expect(await store.takeHeld(key)).toEqual([]);
    expect(await store.takeSent('wamid.out2')).toBeUndefined();
    expect(await store.personKeyFor({ phone: '31611111111' }, 'fresh')).toBe('fresh'); // not linked to the old key any more
    expect(await store.person('other')).toBeDefined();
    expect(await store.takeHeld('other')).toEqual(['blijft']);
  });
}
