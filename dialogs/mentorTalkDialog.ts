import { TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ConversationRef } from '../src/domain/handoff';
import { formatSlotShort, formatSlotTime, interviewBookableAt, INTERVIEW_STAGE, Slot, SlotKind, SlotSeeker, talkBookableAt } from '../src/domain/mentorSlots';
import { sendWhereAmI } from './whereAmI';
import { ChoiceOption, matchChoice } from '../src/domain/matchChoice';
import { normalizeText } from '../src/domain/normalizeText';
import { AnswerPrompt, ANSWER_PROMPT } from './answerPrompt';
import { question } from './answerSpec';
import { DialogDeps, speak } from './dialogDeps';
import type { Lexicon } from './lexicon';
import { saidYes, yesNoPrompt } from './yesNo';

export const MENTOR_TALK_DIALOG = 'mentorTalkDialog';
const STEPS = 'mentorTalkDialog.steps';
/** Slots shown at once: with "other times" and "none of these fit" a WhatsApp list (≤ 10 rows). */
export const SLOTS_SHOWN = 5;
/** Longer messages that hold a talk phrase are about something else. */
const MAX_WORDS = 8;

export type TalkIntent = 'book' | 'cancel' | 'reschedule';

export interface MentorTalkOptions {
  mode: TalkIntent;
  /** Which five slots to show (0: the first five). */
  page?: number;
  /** Shown again after a cancellation or a lost booking: "choose another time". */
  again?: boolean;
  /** Offered unasked (after the result): when no slot fits, end without a word (the mentor offer follows). */
  quiet?: boolean;
  /** The talk with a mentor or the intake interview; absent: decided by the person's bookings and journey stage. */
  kind?: SlotKind;
  /** A time already chosen (its number in the invitation's list): booked straight away, or the times shown when it is gone. */
  pick?: string;
}

/** How the talk dialog ended: 'booked', or why nothing was booked (the caller may offer a mentor instead). */
export type MentorTalkEnd = 'booked' | 'cancelled' | 'kept' | 'none-fit' | 'no-slots' | 'has-booking' | 'no-booking';

/** "I can't come", "cancel my talk", "another time", "plan a talk" in any of the six languages (talk:phrases.*), also with a typo. */
export function talkIntentOf(lexicon: Lexicon, text: string | undefined): TalkIntent | undefined {
  const typed = normalizeText(text ?? '');
  if (!typed || /^\d+$/.test(typed) || typed.split(' ').length > MAX_WORDS) return undefined;
  // The interview's own words ("plan the interview", "cancel my interview") are the same intents; the journey stage says which.
  const options = (['cancel', 'reschedule', 'book'] as const).map((value) => ({ value, phrases: [...lexicon.listEverywhere(`talk:phrases.${value}`), ...lexicon.listEverywhere(`interview:phrases.${value}`)] }));
  return matchChoice(text ?? '', options);
}

/** What the steps keep between the question and the answer (dialog state: plain data). */
interface TalkValues {
  kind?: SlotKind;
  confirming?: TalkIntent;
  page?: number;
  options?: ChoiceOption<string>[];
}

const personOf = (context: TurnContext) => ({ channelId: context.activity.channelId, userId: context.activity.from.id });

/**
 * The talk with a mentor, booked from the chat: the free slots that fit the person (own language
 * first, then English or Dutch when they speak it) as buttons in their language and Dutch time, booked
 * at once when tapped (two people cannot take one slot), confirmed with the mentor's link; and
 * cancelled or moved ("I can't come", "another time"). Thin over the domain and the TalkBooker port.
 */
export class MentorTalkDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(MENTOR_TALK_DIALOG);
    this.addDialog(new AnswerPrompt());
    this.addDialog(new WaterfallDialog(STEPS, [this.startStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** The texts of the talk (talk:…) or of the interview (interview:…). */
  private static key(kind: SlotKind, key: string): string {
    return `${kind === 'interview' ? 'interview' : 'talk'}:${key}`;
  }

  /** Which appointment the person means: the one they hold, else the one their journey stage is at (selection-intake: the interview). */
  private async kindOf(step: WaterfallStepContext<MentorTalkOptions>, stage: string | undefined): Promise<SlotKind> {
    if (step.options.kind) return step.options.kind;
    const person = personOf(step.context);
    const now = this.deps.now();
    if (step.options.mode !== 'book' && (await this.deps.talks!.upcomingOf(person, now, 'interview')) && !(await this.deps.talks!.upcomingOf(person, now, 'talk'))) return 'interview';
    return stage === INTERVIEW_STAGE ? 'interview' : 'talk';
  }

  private async startStep(step: WaterfallStepContext<MentorTalkOptions>): Promise<DialogTurnResult> {
    const talks = this.deps.talks;
    const { t, lng } = await speak(this.deps, step.context);
    if (!talks) return step.endDialog('no-slots' satisfies MentorTalkEnd);
    const now = this.deps.now();
    const journey = await this.deps.journeys?.of(personOf(step.context));
    const kind = await this.kindOf(step, journey?.stage);
    (step.values as TalkValues).kind = kind;
    const k = (key: string) => MentorTalkDialog.key(kind, key);
    const upcoming = await talks.upcomingOf(personOf(step.context), now, kind);
    const { mode } = step.options;
    if (mode === 'cancel' || (mode === 'reschedule' && upcoming)) {
      if (!upcoming) {
        await step.context.sendActivity(t(k('noBooking')));
        return step.endDialog('no-booking' satisfies MentorTalkEnd);
      }
      (step.values as TalkValues).confirming = mode;
      return step.prompt(ANSWER_PROMPT, yesNoPrompt(this.deps, t, t(k('cancelConfirm'), { time: formatSlotTime(upcoming.start, lng) })));
    }
    if (upcoming) {
      await step.context.sendActivity(t(k('hasBooking'), { time: formatSlotTime(upcoming.start, lng) }));
      return step.endDialog('has-booking' satisfies MentorTalkEnd);
    }
    // Past the talk in the selection (held, homework, …): no new talk from the chat; asked for, where they are.
    // The interview: only at selection-intake.
    const poolReady = journey?.stage === 'talent-pool' && (await this.deps.pool?.of(personOf(step.context)))?.status === 'ready';
    if (kind === 'interview' ? !interviewBookableAt(journey?.stage) : !talkBookableAt(journey?.stage, poolReady)) {
      if (!step.options.quiet) await sendWhereAmI(this.deps, step.context);
      return step.endDialog('no-slots' satisfies MentorTalkEnd);
    }
    if (step.options.pick) return this.book(step, step.options.pick, kind);
    return this.showSlots(step, kind);
  }

  private async seeker(context: TurnContext): Promise<SlotSeeker> {
    const { lng, person } = await speak(this.deps, context);
    const answers = person.intake?.answers ?? {};
    return { language: lng, dutchLevel: answers.dutchLevel as string | undefined, englishLevel: answers.englishLevel as string | undefined };
  }

  /** Up to five slots as buttons, with "other times" and "none of these fit". */
  private async showSlots(step: WaterfallStepContext<MentorTalkOptions>, kind: SlotKind): Promise<DialogTurnResult> {
    const { t, lng } = await speak(this.deps, step.context);
    const k = (key: string) => MentorTalkDialog.key(kind, key);
    const all = await this.deps.talks!.offer(await this.seeker(step.context), this.deps.now(), 50, kind);
    if (all.length === 0) {
      if (!step.options.quiet) await step.context.sendActivity(t(k('noSlots')));
      return step.endDialog('no-slots' satisfies MentorTalkEnd);
    }
    let page = step.options.page ?? 0;
    if (page * SLOTS_SHOWN >= all.length) {
      await step.context.sendActivity(t(k('noMore')));
      page = 0;
    }
    const shown = all.slice(page * SLOTS_SHOWN, (page + 1) * SLOTS_SHOWN);
    const values = step.values as TalkValues;
    values.page = page;
    const more = all.length > (page + 1) * SLOTS_SHOWN || page > 0;
    const labels = shown.map((slot) => formatSlotShort(slot.start, lng));
    const other = t('talk:buttons.otherTimes');
    const none = t('talk:buttons.noneFit');
    const lines = shown.map((slot, i) => t(k('slotLine'), { number: i + 1, time: formatSlotTime(slot.start, lng), mentor: slot.mentorFirstName, minutes: slot.durationMinutes }));
    const text = [t(k(step.options.again ? 'offerAgain' : 'offer')), ...lines].join('\n');
    const buttons = [...labels, ...(more ? [other] : []), none];
    // A time is named by its button, its line, its number in the list or its place ("the second one", "دومی",
    // talk:ordinals); "none of these" in other words (talk:phrases.none) is the "none of these fit" button.
    // In the person's language, and in English and Dutch, which people here mix in (kept in dialog state: not all six).
    const words = (key: string) => [...new Set([lng, 'en', 'nl'] as const)].flatMap((l) => this.deps.translator.list(l, key));
    const options = [
      ...shown.map((slot, i) => ({ value: `slot:${slot.id}`, phrases: [labels[i], formatSlotTime(slot.start, lng), String(i + 1), ...words(`talk:ordinals.${i + 1}`)], at: slot.start })),
      ...(more ? [{ value: 'other', phrases: [other] }] : []),
      { value: 'none', phrases: [none, ...words('talk:phrases.none')] },
    ];
    values.options = options;
    return step.prompt(ANSWER_PROMPT, { prompt: question(text, buttons), retryPrompt: question(`${t('common:chooseButton')}\n${text}`, buttons), validations: { type: 'choice', options } });
  }

  private async answerStep(step: WaterfallStepContext<MentorTalkOptions>): Promise<DialogTurnResult> {
    const { t, lng } = await speak(this.deps, step.context);
    const talks = this.deps.talks!;
    const now = this.deps.now();
    const person = personOf(step.context);
    const answer = step.result as string;
    const values = step.values as TalkValues;
    const kind = values.kind ?? 'talk';
    const k = (key: string) => MentorTalkDialog.key(kind, key);
    if (values.confirming) {
      const upcoming = await talks.upcomingOf(person, now, kind);
      if (!saidYes(this.deps, t, answer)) {
        if (upcoming) await step.context.sendActivity(t(k('kept'), { time: formatSlotTime(upcoming.start, lng) }));
        return step.endDialog('kept' satisfies MentorTalkEnd);
      }
      if (await talks.cancelByPerson(person, now, kind)) await step.context.sendActivity(t(k('cancelled')));
      // Cancelled: new times straight away ("none of these fit" ends it there).
      return step.replaceDialog(MENTOR_TALK_DIALOG, { mode: 'book', again: true, kind } satisfies MentorTalkOptions);
    }
    const chosen = matchChoice(answer, values.options ?? []) ?? 'none';
    if (chosen === 'none') {
      await step.context.sendActivity(t(k('noneFitReply')));
      return step.endDialog('none-fit' satisfies MentorTalkEnd);
    }
    if (chosen === 'other') return step.replaceDialog(MENTOR_TALK_DIALOG, { mode: 'book', page: (values.page ?? 0) + 1, kind } satisfies MentorTalkOptions);
    return this.book(step, chosen.slice('slot:'.length), kind);
  }

  /** Books the slot; confirmed with the link, or "someone else took it" and the times again. */
  private async book(step: WaterfallStepContext<MentorTalkOptions>, slotId: string, kind: SlotKind): Promise<DialogTurnResult> {
    const { t, lng } = await speak(this.deps, step.context);
    const now = this.deps.now();
    const k = (key: string) => MentorTalkDialog.key(kind, key);
    const booked = await this.deps.talks!.book(
      slotId,
      { person: personOf(step.context), conversation: TurnContext.getConversationReference(step.context.activity) as unknown as ConversationRef, language: lng, bookedAt: now.toISOString() },
      now,
    );
    if (booked.ok) {
      await step.context.sendActivity(this.confirmation(t, lng, booked.slot, kind));
      return step.endDialog('booked' satisfies MentorTalkEnd);
    }
    if (booked.reason === 'has-booking') return step.endDialog('has-booking' satisfies MentorTalkEnd);
    await step.context.sendActivity(t(k('taken')));
    return step.replaceDialog(MENTOR_TALK_DIALOG, { mode: 'book', again: true, kind } satisfies MentorTalkOptions);
  }

  private confirmation(t: (key: string, vars?: Record<string, unknown>) => string, lng: Parameters<typeof formatSlotTime>[1], slot: Slot, kind: SlotKind): string {
    return t(MentorTalkDialog.key(kind, 'booked'), { mentor: slot.mentorFirstName, time: formatSlotTime(slot.start, lng), minutes: slot.durationMinutes, link: slot.link });
  }
}
