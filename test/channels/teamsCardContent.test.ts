import { adaptiveDateTime, ACCEPT_VERB, erasedCard, handoffCard, MentorTexts } from '../../src/channels/teams/handoffCardContent';
import type { HandoffRecord } from '../../src/domain/handoff';
import { translator } from '../support/chatDriver';
import { handoffRecord } from '../support/handoffRecord';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('en', key, vars);
const texts = new MentorTexts(translator(), 'en');

const handoff = handoffRecord;

type Block = { type: string; text?: string; facts?: Array<{ title: string; value: string }> };
const blocks = (card: { body: unknown[] }) => card.body as Block[];
const textsOf = (card: { body: unknown[] }) => blocks(card).filter((b) => b.type === 'TextBlock').map((b) => b.text);
const factSets = (card: { body: unknown[] }) => blocks(card).filter((b) => b.type === 'FactSet').map((b) => b.facts);

describe('the handoff card mentors see in Teams', () => {
  it('offers a waiting person with Accept (Universal Actions, with a Submit fallback carrying the same data)', () => {
    const card = handoffCard(handoff(), texts);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(textsOf(card)).toEqual([t('mentorTeams:card.title'), t('mentorTeams:card.waiting'), t('mentorTeams:card.since', { since: '{{DATE(2026-12-06T10:15:30Z, SHORT)}} {{TIME(2026-12-06T10:15:30Z)}}' })]);
    expect(card.actions).toEqual([
      {
        type: 'Action.Execute',
        title: t('mentorTeams:card.accept'),
        verb: ACCEPT_VERB,
        data: { handoffId: 'h-1' },
        style: 'positive',
        fallback: { type: 'Action.Submit', title: t('mentorTeams:card.accept'), data: { handoffId: 'h-1', verb: ACCEPT_VERB } },
      },
    ]);
  });

  it('shows who the person is in the console’s own words, and the outcome of the check when there is one', () => {
    const [facts] = factSets(handoffCard(handoff({ outcome: 'eligible' }), texts));
    expect(facts).toEqual([
      { title: t('mentorTeams:facts.name'), value: 'Amina' },
      { title: t('mentorTeams:facts.language'), value: t('language:names.ar') },
      { title: t('mentorTeams:facts.channel'), value: t('console:channels.whatsapp') },
      { title: t('mentorTeams:facts.reason'), value: t('console:reasons.asked') },
      { title: t('mentorTeams:facts.outcome'), value: t('console:outcomes.eligible') },
    ]);
    expect(JSON.stringify(facts)).not.toContain('31612345678'); // never the phone number
  });

  it('calls a person without a first name "Person", and shows a value it has no words for as it is', () => {
    const [facts] = factSets(handoffCard(handoff({ person: { channelId: 'somewhere-new', userId: 'u', firstName: '  ' }, reason: 'a-new-reason' as HandoffRecord['reason'] }), texts));
    expect(facts).toEqual(
      expect.arrayContaining([
        { title: t('mentorTeams:facts.name'), value: t('console:person.unnamed') },
        { title: t('mentorTeams:facts.channel'), value: 'somewhere-new' },
        { title: t('mentorTeams:facts.reason'), value: 'a-new-reason' },
      ]),
    );
  });

  it('sums up the intake: levels (estimated ones marked), schooling, experience and hours; not the free text, the municipality or the status', () => {
    const card = handoffCard(
      handoff({
        intake: {
          completed: false,
          estimated: ['englishLevel'],
          answers: { dutchLevel: 'b1', englishLevel: 'none', education: 'secondary', itExperience: null, hoursPerWeek: 16, municipality: 'Utrecht', motivation: 'Ik wil programmeren', residenceStatus: 'statushouder' },
        },
      }),
      texts,
    );
    expect(textsOf(card)).toContain(t('console:intake.title'));
    const [, intake] = factSets(card);
    expect(intake).toEqual([
      { title: t('console:intake.fields.dutchLevel'), value: 'B1' },
      { title: t('console:intake.fields.englishLevel'), value: `${t('console:intake.levelNone')} (${t('console:intake.estimated')})` },
      { title: t('console:intake.fields.education'), value: t('console:intake.education.secondary') },
      { title: t('console:intake.fields.itExperience'), value: t('console:intake.skipped') },
      { title: t('console:intake.fields.hoursPerWeek'), value: t('console:intake.hours', { hours: 16 }) },
      { title: t('mentorTeams:facts.intake'), value: t('console:intake.notFinished') },
    ]);
    expect(JSON.stringify(card)).not.toMatch(/Utrecht|programmeren|statushouder/);
  });

  it('has no intake part when the person did not do the intake', () => {
    const card = handoffCard(handoff(), texts);
    expect(factSets(card)).toHaveLength(1);
    expect(textsOf(card)).not.toContain(t('console:intake.title'));
  });

  it('says where a taken, closed or abandoned handoff stands, without Accept; a notice comes first', () => {
    const mentor = { id: 'm-1', firstName: 'Sara' };
    expect(textsOf(handoffCard(handoff({ status: 'active', mentor }), texts))[1]).toBe(t('mentorTeams:card.taken', { mentor: 'Sara' }));
    expect(textsOf(handoffCard(handoff({ status: 'closed', mentor }), texts))[1]).toBe(t('mentorTeams:card.closedBy', { mentor: 'Sara' }));
    expect(textsOf(handoffCard(handoff({ status: 'closed' }), texts))[1]).toBe(t('mentorTeams:card.closed'));
    expect(textsOf(handoffCard(handoff({ status: 'abandoned' }), texts))[1]).toBe(t('mentorTeams:card.left'));
    for (const status of ['active', 'closed', 'abandoned'] as const) expect(handoffCard(handoff({ status, mentor }), texts).actions).toBeUndefined();
    const noticed = handoffCard(handoff(), texts, { accept: false, notice: 'Already taken' });
    expect(textsOf(noticed)[0]).toBe('Already taken');
    expect(noticed.actions).toBeUndefined();
  });

  it('in another language, uses that language’s words', () => {
    const dutch = handoffCard(handoff(), new MentorTexts(translator(), 'nl'));
    expect(textsOf(dutch)[0]).toBe(translator().t('nl', 'mentorTeams:card.title'));
    expect(textsOf(dutch)[0]).not.toBe(t('mentorTeams:card.title'));
  });

  it('shows nothing about a person who erased their data', () => {
    expect(erasedCard(texts)).toEqual({ type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body: [{ type: 'TextBlock', text: t('mentorTeams:card.erased'), wrap: true }] });
  });

  it('writes a moment for Adaptive Cards’ DATE and TIME, in whole seconds, so each reader sees their own time zone', () => {
    expect(adaptiveDateTime('2026-12-06T10:15:30.999Z')).toBe('{{DATE(2026-12-06T10:15:30Z, SHORT)}} {{TIME(2026-12-06T10:15:30Z)}}');
    expect(adaptiveDateTime('2026-12-06T11:15:30+01:00')).toBe('{{DATE(2026-12-06T10:15:30Z, SHORT)}} {{TIME(2026-12-06T10:15:30Z)}}');
  });
});
