import type { ConversationRef } from '../domain/handoff';
import type { PersonRecord } from '../domain/person';
import { isLanguage, type Language } from '../domain/language';
import {
  answerConsent,
  askConsent,
  lastAsk,
  nextStep,
  partnerRevision,
  pendingAsk,
  recordStep,
  refer,
  trainingDecisionDay,
  type Partner,
  type PartnerActor,
  type PartnerConsentAsk,
  type PartnerFile,
  type PartnerResult,
  type StepInput,
} from '../domain/partnerSteps';
import type { Journey } from '../domain/journey';
import { DeliveryFailedError, type PersonMessenger } from '../handoff/personMessenger';
import type { Translator } from '../i18n/translator';
import type { Logger } from '../logger';
import type { OutcomeStep } from '../reporting/outcomeEvents';
import { outcomeFactsOf, type OutcomeRecorder } from '../reporting/outcomeSteps';
import type { PersonDataHolder } from '../domain/personData';
import type { JourneyPerson } from './journeyStore';
import type { PartnerStore } from './partnerStore';
/** Whether the person got the message: sent, held until they write (WhatsApp), failed, or no conversation known. */
export type PartnerDelivery = 'sent' | 'held' | 'failed' | 'no-conversation';

/** The selection is in the Netherlands: dates are told in Dutch time. */
const TIME_ZONE = 'Europe/Amsterdam';
const TRIES = 3;

export interface PartnerReferralsDeps {
  store: PartnerStore;
  partners: readonly Partner[];
  /** The person's journey (their stage: only `selected` people are referred; its start when the record has no first contact). */
  journey(person: JourneyPerson): Promise<Journey | undefined>;
  /** The person's record (user state): their language, intake, first contact. */
  record(person: JourneyPerson): Promise<PersonRecord | undefined>;
  /** The conversation the person last wrote in. */
  reach(person: JourneyPerson): Promise<ConversationRef | undefined>;
  messenger: PersonMessenger;
  translator: Translator;
  defaultLanguage: Language;
  outcomes: OutcomeRecorder;
  logger: Logger;
}

export type PartnerOutcome = { ok: true; file: PartnerFile; delivery: PartnerDelivery | null } | { ok: false; refusal: Extract<PartnerResult, { ok: false }>['refusal'] } | { ok: false; unknownPartner: true };

/**
 * The referral of a selected person to a partner, over its store: the consent question in the chat
 * (naming the partner, in the person's language), their answer, the referral, the partner's steps.
 * The person hears of each step; the funnel counts referred, training started and contract signed.
 */
export class PartnerReferrals {
  readonly holder: PersonDataHolder;

  constructor(private readonly deps: PartnerReferralsDeps) {
    this.holder = { erase: (p) => this.deps.store.erase(p) };
  }

  get partners(): readonly Partner[] {
    return this.deps.partners;
  }

  partner(id: string): Partner | undefined {
    return this.deps.partners.find((p) => p.id === id);
  }

  of(person: JourneyPerson): Promise<PartnerFile | undefined> {
    return this.deps.store.get(person);
  }

  /** Staff ask the person in the chat whether VIT may share their summary with the partner. */
  async ask(person: JourneyPerson, partnerId: string, actor: PartnerActor, now: Date): Promise<PartnerOutcome> {
    const partner = this.partner(partnerId);
    if (!partner) return { ok: false, unknownPartner: true };
    const stage = (await this.deps.journey(person))?.stage;
    const lng = await this.languageOf(person);
    const changed = await this.apply(person, (file) => askConsent(file, partner.id, stage, actor, lng, now));
    if (!changed.ok) return changed;
    const delivery = await this.tell(person, (t) => [t('partners:consent.question', { partner: partner.name })], (t) => [t('common:buttons.yes'), t('common:buttons.no')]);
    return { ...changed, delivery };
  }

  /** The question the chat's next yes or no answers, with the partner's name. */
  async pending(person: JourneyPerson, now: Date): Promise<{ ask: PartnerConsentAsk; partnerName: string } | undefined> {
    const ask = pendingAsk(await this.deps.store.get(person), now);
    return ask && { ask, partnerName: this.partner(ask.partner)?.name ?? ask.partner };
  }

  /**
   * The person's yes or no in the chat; undefined when no question waits. `message` is the chat
   * message's id: the same message again (its turn run once more) gets the same answer, written once.
   */
  async answer(person: JourneyPerson, answer: 'yes' | 'no', now: Date, message?: string): Promise<{ partnerName: string } | undefined> {
    const last = lastAsk(await this.deps.store.get(person));
    if (message && last?.answeredBy === message) return { partnerName: this.partner(last.partner)?.name ?? last.partner };
    const waiting = await this.pending(person, now);
    if (!waiting) return undefined;
    const changed = await this.apply(person, (file) => answerConsent(file, answer, now, message));
    return changed.ok ? { partnerName: waiting.partnerName } : undefined;
  }

  /** Staff refer the person to the partner they said yes to; the person hears of it, the funnel counts it. */
  async refer(person: JourneyPerson, partnerId: string, actor: PartnerActor, now: Date): Promise<PartnerOutcome> {
    const partner = this.partner(partnerId);
    if (!partner) return { ok: false, unknownPartner: true };
    const stage = (await this.deps.journey(person))?.stage;
    const changed = await this.apply(person, (file) => refer(file, partner.id, stage, actor, now));
    if (!changed.ok) return changed;
    await this.count(person, 'referred', now.toISOString());
    const delivery = await this.tell(person, (t) => [t('partners:referred', { partner: partner.name })]);
    return { ...changed, delivery };
  }

  /** Staff record the partner's next step; the person hears what it means and what comes next. */
  async step(person: JourneyPerson, input: StepInput, actor: PartnerActor, now: Date): Promise<PartnerOutcome> {
    const changed = await this.apply(person, (file) => recordStep(file, input, actor, now));
    if (!changed.ok) return changed;
    const today = now.toISOString().slice(0, 10);
    const at = input.date === today ? now.toISOString() : `${input.date}T12:00:00.000Z`;
    if (input.step === 'training-started') await this.count(person, 'training-started', at);
    if (input.step === 'contract-signed') await this.count(person, 'contract-signed', at);
    const partnerName = this.partner(changed.file.referral!.partner)?.name ?? changed.file.referral!.partner;
    const decision = trainingDecisionDay(changed.file);
    const delivery = await this.tell(person, (t, date) => [
      t(`partners:steps.${input.step}`, { partner: partnerName, ...(decision ? { date: date(`${decision}T12:00:00.000Z`) } : {}) }),
    ]);
    return { ...changed, delivery };
  }

  /** The step that comes next for the person, if any. */
  next(file: PartnerFile | undefined) {
    return nextStep(file);
  }

  private async apply(person: JourneyPerson, change: (current: PartnerFile | undefined) => PartnerResult): Promise<Extract<PartnerResult, { ok: false }> | { ok: true; file: PartnerFile; delivery: null }> {
    for (let i = 0; i < TRIES; i++) {
      const current = await this.deps.store.get(person);
      const result = change(current);
      if (!result.ok) return result;
      if (await this.deps.store.save(person, result.file, partnerRevision(current))) return { ok: true, file: result.file, delivery: null };
    }
    throw new Error(`PartnerReferrals: the partner file kept changing during ${TRIES} tries`);
  }

  private async languageOf(person: JourneyPerson): Promise<Language> {
    const record = await this.deps.record(person);
    return isLanguage(record?.language) ? record.language : this.deps.defaultLanguage;
  }

  /**
   * One step of the outcome funnel, with no person in it. First contact: the person's record's
   * startedAt (their first message), else their journey's start (the intake's result).
   */
  private async count(person: JourneyPerson, step: OutcomeStep, at: string): Promise<void> {
    try {
      const facts = outcomeFactsOf(await this.deps.record(person));
      facts.firstContactAt ??= (await this.deps.journey(person))?.startedAt;
      facts.language ??= this.deps.defaultLanguage;
      await this.deps.outcomes.reached(step, facts, new Date(at));
    } catch (error) {
      this.deps.logger.warn({ err: error instanceof Error ? error.message : String(error), step }, 'an outcome step could not be counted');
    }
  }

  /** `buttons`: tap-to-answer choices under the last text (a tap is the same as typing the word). */
  private async tell(
    person: JourneyPerson,
    texts: (t: (key: string, vars?: Record<string, unknown>) => string, date: (iso: string) => string) => string[],
    buttons?: (t: (key: string, vars?: Record<string, unknown>) => string) => string[],
  ): Promise<PartnerDelivery> {
    const ref = await this.deps.reach(person);
    if (!ref) return 'no-conversation';
    const lng = await this.languageOf(person);
    const t = (key: string, vars?: Record<string, unknown>) => this.deps.translator.t(lng, key, vars);
    const date = (iso: string) => new Intl.DateTimeFormat(`${lng}-u-ca-gregory`, { day: 'numeric', month: 'long', timeZone: TIME_ZONE }).format(new Date(iso));
    try {
      const said = texts(t, date);
      const actions = buttons?.(t).map((title) => ({ type: 'imBack', title, value: title })) ?? [];
      const activities = said.map((text, i) => ({ type: 'message', text, locale: lng, ...(actions.length > 0 && i === said.length - 1 ? { suggestedActions: { to: [], actions } } : {}) }));
      const { note } = await this.deps.messenger.send(ref, activities, { relay: true });
      return note === 'template' ? 'held' : 'sent';
    } catch (error) {
      if (!(error instanceof DeliveryFailedError)) throw error;
      this.deps.logger.warn({ channel: error.channelId }, 'a partner message could not be delivered');
      return 'failed';
    }
  }
}
