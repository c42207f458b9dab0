import type { Language } from '../../src/i18n/languages';
import { formatSlotShort } from '../../src/domain/mentorSlots';
import { ChatDriver } from '../support/chatDriver';
import { ELIGIBLE_ANSWERS, startAndConsent, tapThroughIntake, tr } from '../support/intakeScript';

const PERSON = { channelId: 'test', userId: 'person-1' };
const NOW = new Date('2026-11-25T10:00:00Z');
const sara = { id: 'acc-sara', firstName: 'Sara' };
const STARTS = ['2026-11-26T09:00:00.000Z', '2026-11-27T09:00:00.000Z', '2026-11-28T09:00:00.000Z'];

/** Three free times in `lng`, the intake with buttons, an eligible result: the times are offered. */
async function atOffer(lng: Language): Promise<{ chat: ChatDriver; ids: string[] }> {
  const chat = new ChatDriver();
  const ids: string[] = [];
  for (const start of STARTS) {
    const published = await chat.talks.publish(sara, { start, durationMinutes: 30, languages: [lng], link: 'https://meet.example.org/sara', weeks: 1 }, NOW);
    if (!published.ok) throw new Error(published.problem);
    ids.push(published.slots[0].id);
  }
  await startAndConsent(chat, lng);
  await tapThroughIntake(chat, lng, ELIGIBLE_ANSWERS);
  expect(chat.texts().at(-1)).toContain(tr(lng, 'talk:offer'));
  expect(chat.buttons().map((b) => b.title)).toEqual([...STARTS.map((s) => formatSlotShort(s, lng)), tr(lng, 'talk:buttons.noneFit')]);
  return { chat, ids };
}

describe('at the offer of times, the place in the list and "none of these" in words', () => {
  it.each<[Language, string]>([
    ['en', 'the second one'],
    ['nl', 'de tweede'],
    ['ar', 'الثاني'],
    ['tr', 'ikincisi'],
    ['fa', 'دومی'],
    ['nl', 'de twede'],
    ['nl', 'ik wil de tweede'],
    ['en', 'the secnd one'],
  ])('%s: "%s" books the second time of the list', async (lng, said) => {
    const { chat, ids } = await atOffer(lng);
    await chat.say(said);
    expect(chat.texts()[0]).toContain(tr(lng, 'talk:booked', { mentor: 'Sara', time: '' }).split(':')[0]);
    expect((await chat.talks.upcomingOf(PERSON, NOW))?.id).toBe(ids[1]);
  });

  it.each<[Language, string]>([
    ['en', 'none of these'],
    ['nl', 'geen van deze'],
    ['tr', 'bunlarin hicbiri'],
    ['fa', 'هیچکدام'],
    ['ar', 'لا شيء منها'],
  ])('%s: "%s" is "none of these fit": no booking, and a mentor is offered', async (lng, said) => {
    const { chat } = await atOffer(lng);
    await chat.say(said);
    expect(chat.texts()).toEqual([tr(lng, 'talk:noneFitReply'), tr(lng, 'eligibility:mentorOffer')]);
    expect(await chat.talks.upcomingOf(PERSON, NOW)).toBeUndefined();
  });

  it('an ordinal past the times shown ("the fifth one" of three) books nothing and asks again', async () => {
    const { chat } = await atOffer('en');
    await chat.say('the fifth one');
    expect(chat.transcript()).toContain(tr('en', 'common:chooseButton'));
    expect(await chat.talks.upcomingOf(PERSON, NOW)).toBeUndefined();
  });
});
