import type { HandoffNotes } from '../../src/handoff/handoffNotes';
import { PRIVATE_NOTES_PER_HANDOFF } from '../../src/domain/followUp';

const amina = { channelId: 'whatsapp', userId: '31612345678' };
const omar = { channelId: 'msteams', userId: '29:abc' };
const note = (text: string, at = '2026-12-06T10:00:00.000Z') => ({ at, mentorId: 'm1', mentorName: 'Sara', text });
const followUp = (handoffId: string, due: string, mentorId = 'm1') => ({ handoffId, due, mentorId, mentorName: 'Sara', setAt: '2026-12-06T10:00:00.000Z' });

/** What every HandoffNotes must do. `make()` returns an empty store. */
export function handoffNotesContract(make: () => HandoffNotes): void {
  it('keeps private notes per handoff, oldest first, with an id', async () => {
    const store = make();
    const first = await store.addNote('h1', amina, note('first'));
    await store.addNote('h1', amina, note('second', '2026-12-06T11:00:00.000Z'));
    await store.addNote('h2', amina, note('other handoff'));
    expect(first?.id).toEqual(expect.any(String));
    expect((await store.notes('h1')).map((n) => n.text)).toEqual(['first', 'second']);
    expect(await store.notes('none')).toEqual([]);
  });

  it(`refuses a note past ${PRIVATE_NOTES_PER_HANDOFF} on one handoff`, async () => {
    const store = make();
    for (let i = 0; i < PRIVATE_NOTES_PER_HANDOFF; i++) expect(await store.addNote('h1', amina, note(`n${i}`))).toBeDefined();
    expect(await store.addNote('h1', amina, note('one too many'))).toBeUndefined();
    expect(await store.notes('h1')).toHaveLength(PRIVATE_NOTES_PER_HANDOFF);
  });

  it('lists follow-ups by day, replaces one on the same handoff, and forgets one marked done', async () => {
    const store = make();
    await store.setFollowUp(amina, followUp('h1', '2026-12-20'));
    await store.setFollowUp(omar, followUp('h2', '2026-12-08', 'm2'));
    await store.setFollowUp(amina, followUp('h3', '2026-12-10'));
    await store.setFollowUp(amina, followUp('h1', '2026-12-09'));
    expect((await store.followUps()).map((f) => [f.handoffId, f.due])).toEqual([['h2', '2026-12-08'], ['h1', '2026-12-09'], ['h3', '2026-12-10']]);
    expect(await store.followUp('h2')).toMatchObject({ mentorId: 'm2', due: '2026-12-08' });
    expect(await store.clearFollowUp('h2')).toBe(true);
    expect(await store.clearFollowUp('h2')).toBe(false);
    expect(await store.followUp('h2')).toBeUndefined();
    expect((await store.followUps()).map((f) => f.handoffId)).toEqual(['h1', 'h3']);
  });

  it("hands over and erases one person's holdings, leaving the others'", async () => {
    const store = make();
    await store.addNote('h1', amina, note('about Amina'));
    await store.setFollowUp(amina, followUp('h1', '2026-12-09'));
    await store.setFollowUp(amina, followUp('h3', '2026-12-10'));
    await store.addNote('h2', omar, note('about Omar'));
    await store.setFollowUp(omar, followUp('h2', '2026-12-11'));
    await store.retain('h1', amina);
    const held = await store.forPerson(amina);
    expect(held.map((h) => [h.handoffId, h.notes.map((n) => n.text), h.followUp?.due ?? null])).toEqual([['h1', ['about Amina'], '2026-12-09'], ['h3', [], '2026-12-10']]);
    expect(await store.erasePerson(amina)).toBe(2);
    expect(await store.forPerson(amina)).toEqual([]);
    expect(await store.notes('h1')).toEqual([]);
    expect((await store.followUps()).map((f) => f.handoffId)).toEqual(['h2']);
    expect((await store.notes('h2')).map((n) => n.text)).toEqual(['about Omar']);
  });
}
