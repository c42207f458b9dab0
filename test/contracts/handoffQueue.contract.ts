import type { HandoffQueue, NewHandoff } from '../../src/handoff/handoffQueue';

let counter = 0;
export function newHandoff(overrides: Partial<NewHandoff> = {}): NewHandoff {
  counter++;
  const userId = `user-${counter}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    person: { channelId: 'emulator', userId, firstName: 'Amina' },
    conversation: {
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:1',
      conversation: { id: `conv-${userId}` },
      user: { id: userId },
      bot: { id: 'bot' },
    },
    language: 'ar',
    reason: 'asked',
    outcome: 'eligible',
    ...overrides,
  };
}

const t0 = new Date('2026-11-25T10:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60000);
const mentor = (id: string) => ({ id, firstName: id.charAt(0).toUpperCase() + id.slice(1) });

/** What every HandoffQueue must do; `make` gives an empty queue. */
export function handoffQueueContract(make: () => Promise<HandoffQueue> | HandoffQueue): void {
  let queue: HandoffQueue;
  beforeEach(async () => {
    queue = await make();
  });

  it('puts people in line first come first served and tells their place', async () => {
    const a = (await queue.enqueue(newHandoff(), t0)).handoff;
    const b = (await queue.enqueue(newHandoff({ language: 'nl' }), later(1))).handoff;
    const c = (await queue.enqueue(newHandoff(), later(2))).handoff;
    expect(a).toMatchObject({ status: 'waiting', createdAt: t0.toISOString(), messages: [], language: 'ar', reason: 'asked' });
    expect((await queue.waiting()).map((h) => h.id)).toEqual([a.id, b.id, c.id]);
    expect([await queue.position(a.id), await queue.position(b.id), await queue.position(c.id)]).toEqual([1, 2, 3]);
    expect(await queue.get(b.id)).toEqual(b);
  });

  it('never puts one person in line twice', async () => {
    const input = newHandoff();
    const first = (await queue.enqueue(input, t0)).handoff;
    const again = (await queue.enqueue(input, later(5))).handoff;
    expect(again.id).toBe(first.id);
    expect((await queue.enqueue(input, later(6))).created).toBe(false);
    expect(await queue.waiting()).toHaveLength(1);
    expect((await queue.openFor('emulator', input.person.userId))?.id).toBe(first.id);
  });

  it('lets exactly one of two mentors claim; the other hears it is already taken', async () => {
    const h = (await queue.enqueue(newHandoff(), t0)).handoff;
    const won = await queue.claim(h.id, mentor('sara'), later(1));
    const lost = await queue.claim(h.id, mentor('omar'), later(1));
    expect(won).toMatchObject({ ok: true, handoff: { status: 'active', mentor: { id: 'sara', firstName: 'Sara' }, claimedAt: later(1).toISOString() } });
    expect(lost).toMatchObject({ ok: false, reason: 'already-taken', handoff: { mentor: { id: 'sara' } } });
    expect(await queue.waiting()).toEqual([]);
    expect((await queue.active()).map((x) => x.id)).toEqual([h.id]);
    expect(await queue.position(h.id)).toBeUndefined();
  });

  it('refuses claims of unknown or ended handoffs', async () => {
    expect(await queue.claim('nope', mentor('sara'), t0)).toEqual({ ok: false, reason: 'not-found' });
    const h = (await queue.enqueue(newHandoff(), t0)).handoff;
    await queue.abandon(h.id, later(1));
    expect(await queue.claim(h.id, mentor('sara'), later(2))).toEqual({ ok: false, reason: 'not-waiting' });
  });

  it('gives a released handoff its old place back', async () => {
    const a = (await queue.enqueue(newHandoff(), t0)).handoff;
    const b = (await queue.enqueue(newHandoff(), later(1))).handoff;
    await queue.claim(a.id, mentor('sara'), later(2));
    expect(await queue.position(b.id)).toBe(1);
    expect(await queue.release(a.id, 'omar', later(3))).toEqual({ ok: false, reason: 'not-yours' });
    const released = await queue.release(a.id, 'sara', later(3));
    expect(released).toMatchObject({ ok: true, handoff: { status: 'waiting' } });
    expect(released.ok && released.handoff.mentor).toBeUndefined();
    expect((await queue.waiting()).map((h) => h.id)).toEqual([a.id, b.id]);
    expect(await queue.release(a.id, 'sara', later(4))).toEqual({ ok: false, reason: 'not-allowed' });
  });

  it('counts claims and remembers every mentor who took the handoff, also after a release', async () => {
    const h = (await queue.enqueue(newHandoff(), t0)).handoff;
    expect(h.claims ?? 0).toBe(0);
    const first = await queue.claim(h.id, mentor('sara'), later(1));
    expect(first.ok && first.handoff.claims).toBe(1);
    await queue.release(h.id, 'sara', later(2));
    expect((await queue.get(h.id))?.handledBy).toEqual(['sara']);
    const second = await queue.claim(h.id, mentor('omar'), later(3));
    expect(second.ok && second.handoff.claims).toBe(2);
    await queue.close(h.id, 'omar', 'helped', '', later(4));
    expect(await queue.get(h.id)).toMatchObject({ claims: 2, handledBy: ['omar', 'sara'], mentor: { id: 'omar' } });
  });

  it('closes with an outcome and a note, only by its mentor, and frees the person for a new handoff', async () => {
    const input = newHandoff();
    const h = (await queue.enqueue(input, t0)).handoff;
    await queue.claim(h.id, mentor('sara'), later(1));
    expect(await queue.close(h.id, 'omar', 'helped', 'x', later(9))).toEqual({ ok: false, reason: 'not-yours' });
    const closed = await queue.close(h.id, 'sara', 'helped', 'Wil volgende week starten', later(9));
    expect(closed).toMatchObject({ ok: true, handoff: { status: 'closed', closeOutcome: 'helped', note: 'Wil volgende week starten', closedAt: later(9).toISOString() } });
    expect(await queue.active()).toEqual([]);
    expect(await queue.openFor('emulator', input.person.userId)).toBeUndefined();
    expect((await queue.enqueue(input, later(20))).handoff.id).not.toBe(h.id);
    expect(await queue.close(h.id, 'sara', 'helped', '', later(21))).toEqual({ ok: false, reason: 'not-allowed' });
  });

  it('lets the person leave the line, waiting or talking', async () => {
    const a = (await queue.enqueue(newHandoff(), t0)).handoff;
    const b = (await queue.enqueue(newHandoff(), t0)).handoff;
    await queue.claim(b.id, mentor('sara'), later(1));
    expect(await queue.abandon(a.id, later(2))).toMatchObject({ ok: true, handoff: { status: 'abandoned' } });
    expect(await queue.abandon(b.id, later(2))).toMatchObject({ ok: true, handoff: { status: 'abandoned' } });
    expect(await queue.waiting()).toEqual([]);
    expect(await queue.active()).toEqual([]);
    expect(await queue.abandon(a.id, later(3))).toEqual({ ok: false, reason: 'not-allowed' });
  });

  it('keeps the note of why a person left, for mentors, and none when not given', async () => {
    const a = (await queue.enqueue(newHandoff(), t0)).handoff;
    const b = (await queue.enqueue(newHandoff(), t0)).handoff;
    await queue.abandon(a.id, later(1), 'removed the app');
    await queue.abandon(b.id, later(1));
    expect(await queue.get(a.id)).toMatchObject({ status: 'abandoned', note: 'removed the app' });
    expect((await queue.get(b.id))?.note).toBeUndefined();
  });

  it('keeps messages while the handoff is open, in order, and none after', async () => {
    const h = (await queue.enqueue(newHandoff(), t0)).handoff;
    await queue.addMessage(h.id, { at: later(1).toISOString(), from: 'person', text: 'مرحبا' });
    await queue.claim(h.id, mentor('sara'), later(2));
    await queue.addMessage(h.id, { at: later(3).toISOString(), from: 'mentor', text: 'Hoi!', mentorName: 'Sara' });
    expect((await queue.get(h.id))?.messages.map((m) => m.text)).toEqual(['مرحبا', 'Hoi!']);
    await queue.close(h.id, 'sara', 'helped', '', later(4));
    expect(await queue.addMessage(h.id, { at: later(5).toISOString(), from: 'person', text: 'x' })).toEqual({ ok: false, reason: 'not-allowed' });
    expect(await queue.addMessage('nope', { at: later(5).toISOString(), from: 'person', text: 'x' })).toEqual({ ok: false, reason: 'not-found' });
  });

  it('marks exactly the mentor message with that time and text as failed, also after a close', async () => {
    const h = (await queue.enqueue(newHandoff(), t0)).handoff;
    await queue.claim(h.id, mentor('sara'), later(1));
    const at = later(2).toISOString();
    // Same time, other text; same text, other time; same time and text from the person: none of them is it.
    await queue.addMessage(h.id, { at, from: 'person', text: 'سلام / "hoi"' });
    await queue.addMessage(h.id, { at, from: 'mentor', text: 'Hoi!', mentorName: 'Sara' });
    await queue.addMessage(h.id, { at, from: 'mentor', text: 'سلام / "hoi"', mentorName: 'Sara' });
    await queue.addMessage(h.id, { at: later(3).toISOString(), from: 'mentor', text: 'سلام / "hoi"', mentorName: 'Sara', delivery: 'template' });
    await queue.close(h.id, 'sara', 'helped', '', later(4));

    const result = await queue.markDelivery(h.id, { at, text: 'سلام / "hoi"' }, 'failed');
    expect(result.ok).toBe(true);
    const messages = (await queue.get(h.id))!.messages;
    expect(messages.map((m) => m.delivery)).toEqual([undefined, undefined, 'failed', 'template']);
    expect(messages[2]).toEqual({ at, from: 'mentor', text: 'سلام / "hoi"', mentorName: 'Sara', delivery: 'failed' });
    expect(result.ok && result.handoff.messages).toEqual(messages);
    expect((await queue.markDelivery(h.id, { at, text: 'سلام / "hoi"' }, 'failed')).ok).toBe(true); // again: still fine, nothing more changes
    expect((await queue.get(h.id))!.messages).toEqual(messages);

    expect(await queue.markDelivery(h.id, { at, text: 'Hoi' }, 'failed')).toEqual({ ok: false, reason: 'not-found' });
    expect(await queue.markDelivery(h.id, { at: later(9).toISOString(), text: 'Hoi!' }, 'failed')).toEqual({ ok: false, reason: 'not-found' });
    expect(await queue.markDelivery('nope', { at, text: 'Hoi!' }, 'failed')).toEqual({ ok: false, reason: 'not-found' });
  });

  it('takes one rating after the mentor closed', async () => {
    const h = (await queue.enqueue(newHandoff(), t0)).handoff;
    expect(await queue.rate(h.id, 4)).toEqual({ ok: false, reason: 'not-allowed' });
    await queue.claim(h.id, mentor('sara'), later(1));
    await queue.close(h.id, 'sara', 'helped', '', later(2));
    expect(await queue.rate(h.id, 4)).toMatchObject({ ok: true, handoff: { rating: 4 } });
    expect(await queue.rate(h.id, 1)).toEqual({ ok: false, reason: 'not-allowed' });
  });

  it('erases every handoff of a person and nothing of others', async () => {
    const input = newHandoff();
    const old = (await queue.enqueue(input, t0)).handoff;
    await queue.abandon(old.id, later(1));
    const open = (await queue.enqueue(input, later(2))).handoff;
    const other = (await queue.enqueue(newHandoff(), later(3))).handoff;
    expect(await queue.erasePerson('emulator', input.person.userId)).toBe(2);
    expect(await queue.get(old.id)).toBeUndefined();
    expect(await queue.get(open.id)).toBeUndefined();
    expect((await queue.waiting()).map((h) => h.id)).toEqual([other.id]);
    expect(await queue.openFor('emulator', input.person.userId)).toBeUndefined();
  });

  it('finds the person\u2019s latest handoff, also after it ended', async () => {
    const input = newHandoff();
    const first = (await queue.enqueue(input, t0)).handoff;
    await queue.abandon(first.id, later(1));
    expect((await queue.latestFor('emulator', input.person.userId))?.id).toBe(first.id);
    const second = (await queue.enqueue(input, later(2))).handoff;
    expect((await queue.latestFor('emulator', input.person.userId))?.id).toBe(second.id);
    expect(await queue.latestFor('emulator', 'nobody')).toBeUndefined();
    expect((await queue.allFor('emulator', input.person.userId)).map((h) => h.id)).toEqual([first.id, second.id]);
  });

  it('records a notice only when nobody recorded another one first', async () => {
    const h = (await queue.enqueue(newHandoff(), t0)).handoff;
    expect(await queue.updateNotice(h.id, 'toldPlace', undefined, '3')).toBe(true);
    expect(await queue.updateNotice(h.id, 'toldPlace', undefined, '2')).toBe(false);
    expect(await queue.updateNotice(h.id, 'toldPlace', '3', '1')).toBe(true);
    expect((await queue.get(h.id))?.toldPlace).toBe(1);
    const results = await Promise.all([1, 2, 3].map(() => queue.updateNotice(h.id, 'leaveMessageOfferedAt', undefined, later(20).toISOString())));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await queue.updateNotice('nope', 'toldPlace', undefined, '1')).toBe(false);
  });

  it('lets exactly one of 50 concurrent claims win', async () => {
    const h = (await queue.enqueue(newHandoff(), t0)).handoff;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => queue.claim(h.id, mentor(`mentor${i}`), later(1))));
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'already-taken')).toHaveLength(49);
    const winner = winners[0].ok ? winners[0].handoff.mentor?.id : undefined;
    expect((await queue.get(h.id))?.mentor?.id).toBe(winner);
  });

  it("settles a claim racing the person's stop one way or the other, never both", async () => {
    for (let round = 0; round < 20; round++) {
      const h = (await queue.enqueue(newHandoff(), t0)).handoff;
      const [claim, stop] = await Promise.all([queue.claim(h.id, mentor('sara'), later(1)), queue.abandon(h.id, later(1))]);
      const final = await queue.get(h.id);
      expect(stop.ok).toBe(true); // leaving is always possible, waiting or talking
      expect(final?.status).toBe('abandoned');
      if (claim.ok) expect(claim.handoff.status).toBe('active');
      else expect(claim.reason).toBe('not-waiting');
      expect(await queue.active()).toEqual([]);
    }
  });
  it('hands an active conversation to another mentor, only from its own mentor, keeping its place among the active', async () => {
    const h = (await queue.enqueue(newHandoff(), t0)).handoff;
    expect(await queue.transfer(h.id, 'sara', mentor('omar'), later(1))).toEqual({ ok: false, reason: 'not-allowed' }); // still waiting
    await queue.claim(h.id, mentor('sara'), later(1));
    expect(await queue.transfer(h.id, 'omar', mentor('lina'), later(2))).toEqual({ ok: false, reason: 'not-yours' });
    const moved = await queue.transfer(h.id, 'sara', mentor('omar'), later(2));
    expect(moved.ok && moved.handoff.mentor).toEqual(mentor('omar'));
    const stored = await queue.get(h.id);
    expect(stored).toMatchObject({ status: 'active', mentor: mentor('omar'), claimedAt: later(1).toISOString(), claims: 1 });
    expect(stored?.handledBy).toEqual(['omar', 'sara']);
    expect((await queue.active()).map((a) => a.mentor?.id)).toEqual(['omar']);
    expect(await queue.transfer(h.id, 'sara', mentor('lina'), later(3))).toEqual({ ok: false, reason: 'not-yours' }); // no longer hers
    expect(await queue.transfer('nope', 'sara', mentor('omar'), later(3))).toEqual({ ok: false, reason: 'not-found' });
    await queue.close(h.id, 'omar', 'helped', '', later(4));
    expect(await queue.transfer(h.id, 'omar', mentor('sara'), later(5))).toEqual({ ok: false, reason: 'not-allowed' });
  });

  it('lets one of two mentors handing the same conversation on at once win, and no other', async () => {
    const h = (await queue.enqueue(newHandoff(), t0)).handoff;
    await queue.claim(h.id, mentor('sara'), later(1));
    const [a, b] = await Promise.all([queue.transfer(h.id, 'sara', mentor('omar'), later(2)), queue.transfer(h.id, 'sara', mentor('lina'), later(2))]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const winner = a.ok ? 'omar' : 'lina';
    expect((await queue.get(h.id))?.mentor?.id).toBe(winner);
  });
}
