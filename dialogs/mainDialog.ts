import { Activity, StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogContext,
  DialogSet,
  DialogState,
  DialogTurnResult,
  DialogTurnStatus,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { matchChoice } from '../src/domain/matchChoice';
import { detectLanguage, likelyLanguages } from '../src/domain/detectLanguage';
import { hasConsent, intakeUnfinished, MentorReason, PersonRecord, shouldOfferResume } from '../src/domain/person';
import { AnswerPrompt, ANSWER_PROMPT } from './answerPrompt';
import { AnswerSpec, parseAnswer, question } from './answerSpec';
import { ConsentDialog, CONSENT_DIALOG, ConsentOptions, recordConsent } from './consentDialog';
import { DeleteDataDialog, DELETE_DATA_DIALOG, DeleteResult } from './deleteDataDialog';
import { DialogDeps, speak } from './dialogDeps';
import { FaqDialog, FAQ_DIALOG, FaqEnd } from './faqDialog';
import { EligibilityDialog, ELIGIBILITY_DIALOG, EligibilityOptions } from './eligibilityDialog';
import { feedbackInsteadOfAnswer } from './feedbackInsteadOfAnswer';
import { IntakeDialog, INTAKE_DIALOG, IntakeOptions } from './intakeDialog';
import { LanguageDialog, LANGUAGE_DIALOG } from './languageDialog';
import { MentorDialog, MENTOR_DIALOG, MentorEnd } from './mentorDialog';
import { Command, flowAfter, FlowOptions } from './flowOptions';
import { isMenu, MenuChoice, menuChoiceOf, menuLabelKey, menuSpec, namesMenuChoice } from './menu';
import { askForFollowUps, followUpWishIn, openCheckIn, poolReplyOf, stopFollowUps } from './poolFollowUp';
import { inPool } from '../src/domain/talentPool';
import { ResumeOfferDialog, RESUME_OFFER_DIALOG } from './resumeOfferDialog';
import { questionInsteadOfAnswer } from './questionInsteadOfAnswer';
import { repromptWithMentor } from './repromptWithMentor';
import { answersExactly, isLanguageQuestion, onStack, waitingFor, waitingOptions, waitingPrompt } from './waitingPrompt';
import { Language, languageFromLocale } from '../src/i18n/languages';
import { commandButtonByNumber } from './navigation';
import { invitedTime } from './invitationNumber';
import { yesNoPrompt } from './yesNo';
import { voiceFailureText } from './voiceFailureText';
import { voiceNoteOf } from '../src/speech/voiceNote';
import { asksWhereAmI, sendWhereAmI } from './whereAmI';
import { remindersSwitchIn, switchReminders } from './remindersSwitch';
import { MentorTalkDialog, MENTOR_TALK_DIALOG, MentorTalkOptions, talkIntentOf, TalkIntent } from './mentorTalkDialog';
import { talkFits } from '../src/domain/mentorSlots';
import { homeworkInsteadOfAnswer, submit as submitHomework } from './homeworkSubmission';
import { homeworkInMessage } from '../src/domain/homework';
import { answerPartnerConsent, askPartnerConsentAgain } from './partnerConsent';

export const MAIN_DIALOG = 'mainDialog';
const FLOW = 'mainDialog.flow';
/** Turn state: the bot's previous reply said it was not sure. */
const AFTER_UNSURE = Symbol('mainDialog.afterUnsure');

export type { FlowOptions } from './flowOptions';
export { MENU_CHOICES } from './menu';
export type { MenuChoice } from './menu';

/**
 * The router: greeting, language, consent, then the menu and whatever was chosen, in a loop.
 * Commands typed anywhere (language, menu, help, restart, stop, delete, mentor) interrupt whatever
 * runs, in the manner of the Bot Framework samples' CancelAndHelpDialog.
 */
export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(MAIN_DIALOG);
    this.addDialog(new AnswerPrompt());
    this.addDialog(new LanguageDialog(deps));
    this.addDialog(new ConsentDialog(deps));
    this.addDialog(new IntakeDialog(deps));
    this.addDialog(new FaqDialog(deps));
    this.addDialog(new MentorDialog(deps));
    this.addDialog(new DeleteDataDialog(deps));
    this.addDialog(new EligibilityDialog(deps));
    this.addDialog(new MentorTalkDialog(deps));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.languageStep.bind(this),
        this.consentStep.bind(this),
        this.entryStep.bind(this),
        this.routeStep.bind(this),
        this.loopStep.bind(this),
      ]),
    );
    this.addDialog(new ResumeOfferDialog(deps));
    this.initialDialogId = FLOW;
  }

  /** Runs one turn: continues the active dialog, or starts the flow (with a greeting unless told otherwise). */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>, start: FlowOptions = { greet: true }): Promise<void> {
    const session = await this.deps.session.get(context, {});
    context.turnState.set(AFTER_UNSURE, session.botUnsure === true);
    session.botUnsure = undefined;
    // Before a language is chosen, the bot speaks the language the person writes in, if it shows.
    if (!(await this.deps.person.get(context, {})).language) {
      const [likeliest, also] = likelyLanguages(context.activity.text ?? '');
      if (likeliest) [session.seenLanguage, session.seenAlso] = [likeliest, also];
    }
    // Replies carry the language the bot speaks, also before one is chosen (the one the person wrote
    // in): a channel labels its own parts by it (WhatsApp's list button "Kies" / "اختر").
    context.onSendActivities(async (ctx, activities, send) => {
      if (activities.some((a) => !a.locale)) {
        const { lng } = await speak(this.deps, ctx);
        for (const activity of activities) activity.locale ??= lng;
      }
      return send();
    });
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    // "stop reminders" / "start reminders", typed anywhere once the person chose a language: recorded and confirmed, and whatever was asked stays.
    const reminders = this.deps.reminders && (await this.deps.person.get(context, {})).language ? remindersSwitchIn(this.deps.lexicon, context.activity.text) : undefined;
    if (reminders) {
      await switchReminders(this.deps, context, reminders);
      if (dc.activeDialog) await dc.repromptDialog();
      return;
    }
    // A yes or a no while a question about sharing a summary with a partner waits: its answer, and whatever was asked stays.
    if ((await this.deps.person.get(context, {})).language && (await answerPartnerConsent(this.deps, context))) {
      if (dc.activeDialog) await dc.repromptDialog();
      return;
    }
    if (await this.poolTurn(context, dc)) return;
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id, await this.startFor(context, start));
    await askPartnerConsentAgain(this.deps, context);
  }

  /**
   * The talent pool, before anything else, for a person with a result who consented: "stop follow-ups"
   * typed anywhere (recorded and confirmed; what was asked stays); the answer to the consent question
   * that came with staff's decision; a reply to a check-in, which starts its questions (a command
   * typed then is carried out as usual); the first message after the last one, which starts afresh.
   * Says whether the turn was handled here.
   */
  private async poolTurn(context: TurnContext, dc: DialogContext): Promise<boolean> {
    const person = await this.deps.person.get(context, {});
    const text = context.activity.type === 'message' ? (context.activity.text ?? '') : '';
    if (!this.deps.pool || !person.language || !person.assessment || !hasConsent(person) || !text.trim()) return false;
    const wish = followUpWishIn(this.deps.lexicon, text);
    if (wish === 'stop') {
      await stopFollowUps(this.deps, context);
      if (dc.activeDialog) await dc.repromptDialog();
      return true;
    }
    if (wish === 'join') {
      // The consent question (or why there is none) is the last message: its yes or no comes next.
      await askForFollowUps(this.deps, context);
      return true;
    }
    const reply = await poolReplyOf(this.deps, context, text);
    if (reply === 'consent') {
      if (dc.activeDialog) await dc.repromptDialog();
      return true;
    }
    if (reply === 'back') {
      // Back after the last message, perhaps months later: what was asked before then is long gone.
      await this.deps.pool.replied({ channelId: context.activity.channelId, userId: context.activity.from.id });
      await dc.cancelAllDialogs();
      await dc.beginDialog(this.id, await this.startFor(context, {}));
      return true;
    }
    if (reply !== 'check-in') return false;
    if (this.deps.lexicon.command(text) ?? this.deps.lexicon.commandInWords(text)) {
      await this.deps.pool.replied({ channelId: context.activity.channelId, userId: context.activity.from.id });
      return false;
    }
    if (!(await openCheckIn(this.deps, context))) return false;
    await dc.cancelAllDialogs();
    await dc.beginDialog(this.id, { start: 'intake' } satisfies FlowOptions);
    return true;
  }

  /**
   * Where a new flow starts for a person the bot knows (after a mentor, after a pause): a command, a
   * language's name or a menu choice typed as the first message is carried out, not swallowed by a
   * greeting; anything else gets `start`.
   */
  private async startFor(context: TurnContext, start: FlowOptions): Promise<FlowOptions> {
    const person = await this.deps.person.get(context, {});
    const text = context.activity.type === 'message' ? (context.activity.text ?? '') : '';
    if (!person.language || !text.trim()) return start;
    const lexicon = this.deps.lexicon;
    // "My homework: …" as the first message (the mentor's close asked for a rating): handed in, not greeted away.
    const handedIn = this.deps.journeys?.submitHomework ? homeworkInMessage(text, lexicon.listEverywhere('journey:homeworkWords')) : undefined;
    if (handedIn !== undefined) return { homework: handedIn };
    const command = lexicon.command(text) ?? lexicon.commandInWords(text);
    if (command === 'help') return start;
    if (command && command !== 'back' && command !== 'skip') return flowAfter(command, this.mentorReason(context));
    const named = lexicon.languageNamed(text);
    if (named && named !== person.language) return { setLanguage: named };
    if (lexicon.saysNotUnderstood(text)) return { changeLanguage: true, suggestLanguage: detectLanguage(text) };
    // "Thanks" (after a mentor closed, at the rating question) is kindness: answered, then the menu.
    if (lexicon.saysThanks(text)) return { thanked: true };
    if (asksWhereAmI(lexicon, text)) return { start: 'status' };
    const talk = this.talkAsked(person, text);
    if (talk) return { talk };
    const invited = await invitedTime(this.deps, context, text);
    if (invited) return { talk: 'book', pick: invited };
    const choice = matchChoice(text, menuSpec(this.deps.lexicon, !!person.assessment).options);
    return choice && !/^\d+$/.test(text.trim()) ? { start: choice as MenuChoice } : start;
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: FlowOptions): Promise<DialogTurnResult> {
    return innerDc.beginDialog(FLOW, options ?? {});
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const activity = innerDc.context.activity;
    if (!activity.text?.trim() && (activity.attachments?.length ?? 0) > 0) {
      const { t, lng } = await speak(this.deps, innerDc.context);
      const voice = voiceNoteOf(innerDc.context);
      if (voice) {
        // A voice note not understood: say why, and offer a mentor, who can listen to it.
        await innerDc.context.sendActivity(t(voiceFailureText(voice.failure)));
        (await this.deps.session.get(innerDc.context, {})).botUnsure = true;
        await repromptWithMentor(this.deps, innerDc, t, lng);
        return ComponentDialog.EndOfTurn;
      }
      await innerDc.context.sendActivity(t('common:onlyText'));
      await innerDc.repromptDialog();
      return ComponentDialog.EndOfTurn;
    }
    // At the interview stage a bare number is the time of that number in the invitation (not in the offer of times itself).
    const invited = onStack(innerDc, MENTOR_TALK_DIALOG) || onStack(innerDc, INTAKE_DIALOG) ? undefined : await invitedTime(this.deps, innerDc.context, activity.text);
    if (invited) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(FLOW, { talk: 'book', pick: invited } satisfies FlowOptions);
    }
    // A typed number taps the Back, Skip or Menu button shown at that place, as tapping it would.
    const tapped = commandButtonByNumber(activity.text, waitingOptions(innerDc), this.deps.lexicon);
    if (tapped) activity.text = tapped;
    const offered = await this.answerToOffer(innerDc);
    if (offered) return offered;
    const text = activity.text ?? '';
    // "My homework: …" at any question, or a bare link from a person who has homework to send.
    const homework = await homeworkInsteadOfAnswer(this.deps, innerDc, text);
    if (homework) return homework;
    // A tap on the helpful / not helpful pair under an answer is neither a command nor an answer.
    const feedback = await feedbackInsteadOfAnswer(this.deps, innerDc, text);
    if (feedback) return feedback;
    const spec = waitingFor(innerDc);
    // An answer that names an option of the question being asked is that answer, before any command.
    if (spec && answersExactly(spec, text)) return super.onContinueDialog(innerDc);
    // At the language question, a greeting in a language ("مرحبا" after a Dutch start) asks again with that language first.
    if (spec?.type === 'choice' && isLanguageQuestion(spec) && parseAnswer(spec, text) === undefined) {
      const kind = await this.kindAtLanguageQuestion(innerDc, text, spec.options[0]?.value as Language | undefined);
      if (kind) return kind;
    }
    // "I can't come", "another time", "plan a talk" (outside the intake, where it is no answer): the mentor talk.
    const talk = onStack(innerDc, INTAKE_DIALOG) || (spec && parseAnswer(spec, text) !== undefined) ? undefined : this.talkAsked(await this.deps.person.get(innerDc.context, {}), text);
    if (talk) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(FLOW, { talk } satisfies FlowOptions);
    }
    const command = this.deps.lexicon.command(text) ?? this.deps.lexicon.commandInWords(text);
    // "back" and "skip" are the intake's, handled where the question is.
    if (command === 'back' || command === 'skip') return super.onContinueDialog(innerDc);
    if (command) return this.interrupt(innerDc, command);
    const named = await this.languageInsteadOfAnswer(innerDc, text, spec);
    if (named) return named;
    if (this.deps.lexicon.saysNotUnderstood(text)) return this.interrupt(innerDc, 'language', { suggestLanguage: detectLanguage(text) });
    // "Thanks" at the menu is kindness, not a wrong choice: answer it, and the menu stays.
    if (spec && isMenu(this.deps.lexicon, spec) && this.deps.lexicon.saysThanks(text)) {
      const { t } = await speak(this.deps, innerDc.context);
      await innerDc.context.sendActivity(t('common:thanksReply'));
      await innerDc.repromptDialog();
      return ComponentDialog.EndOfTurn;
    }
    // "My result" at the menu before there is one: say so, and point to the questions.
    if (spec && isMenu(this.deps.lexicon, spec) && !(await this.deps.person.get(innerDc.context, {})).assessment && namesMenuChoice(this.deps.lexicon, text, 'result')) {
      const { t } = await speak(this.deps, innerDc.context);
      await innerDc.context.sendActivity(t('common:noResultYet', { button: t('common:menu.intake') }));
      await innerDc.repromptDialog();
      return ComponentDialog.EndOfTurn;
    }
    // "Where am I?" asked where it is no answer (in the intake, at the menu before a result): told, and the question stays.
    if (spec && parseAnswer(spec, text) === undefined && asksWhereAmI(this.deps.lexicon, text)) {
      await sendWhereAmI(this.deps, innerDc.context);
      await innerDc.repromptDialog();
      return ComponentDialog.EndOfTurn;
    }
    // "My result" named where it is no answer (the mentor offer after the result, any question) shows the result.
    if (spec && parseAnswer(spec, text) === undefined && (await this.deps.person.get(innerDc.context, {})).assessment && namesMenuChoice(this.deps.lexicon, text, 'result')) return this.interrupt(innerDc, 'menu', { start: 'result' });
    const instead = await questionInsteadOfAnswer(this.deps, innerDc, text, (command) => this.interrupt(innerDc, command));
    if (instead) return instead;
    return super.onContinueDialog(innerDc);
  }

  /**
   * A greeting, a yes or a no, or words in a language at the language question are no wrong language.
   * Written in a language not shown first ("مرحبا" after a Dutch start): the list again with that one
   * first. Else (that language is already first, or "hi" shows none): a kind hint in it how to choose,
   * with the same buttons. Where the words fit Arabic and Persian alike ("سلام"), the channel's locale
   * decides.
   */
  private async kindAtLanguageQuestion(innerDc: DialogContext, text: string, first: Language | undefined): Promise<DialogTurnResult | undefined> {
    const likely = likelyLanguages(text);
    const locale = languageFromLocale(innerDc.context.activity.locale);
    const written = locale && likely.length > 1 && likely.includes(locale) ? locale : likely[0];
    if (written && written !== first) return this.interrupt(innerDc, 'language', { suggestLanguage: written });
    const lexicon = this.deps.lexicon;
    if (!written && !lexicon.saysHello(text) && !matchChoice(text, lexicon.yesNo())) return undefined;
    const prompt = waitingPrompt(innerDc);
    const lng = written ?? first;
    if (!prompt || !lng) return undefined;
    await innerDc.context.sendActivity({ ...prompt, text: this.deps.translator.t(lng, 'language:chooseHint') });
    return ComponentDialog.EndOfTurn;
  }

  /**
   * A language's name typed anywhere switches to it. Where the name could also be the answer (a
   * first name, free text), the bot asks once; a "no" makes it the answer.
   */
  private async languageInsteadOfAnswer(innerDc: DialogContext, text: string, spec: AnswerSpec | undefined): Promise<DialogTurnResult | undefined> {
    const language = this.deps.lexicon.languageNamed(text);
    const { person } = await speak(this.deps, innerDc.context);
    if (!language || language === person.language) return undefined;
    const couldBeAnswer = !!spec && (spec.type === 'name' || (spec.type === 'text' && !spec.isQuestion)) && parseAnswer(spec, text) !== undefined;
    if (!couldBeAnswer) return this.interrupt(innerDc, 'language', { setLanguage: language });
    const session = await this.deps.session.get(innerDc.context, {});
    session.offer = { kind: 'language', language, text };
    const t = (key: string) => this.deps.translator.t(language, key);
    await innerDc.context.sendActivity(
      yesNoPrompt(this.deps, t, this.deps.translator.t(language, 'language:switchOffer', { language: t(`language:names.${language}`) })).prompt as Partial<Activity>,
    );
    return ComponentDialog.EndOfTurn;
  }

  /** The answer to a yes/no offer of the last turn: yes carries it out, no takes the message as the answer it also was. */
  private async answerToOffer(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const session = await this.deps.session.get(innerDc.context, {});
    const offer = session.offer;
    if (!offer) return undefined;
    session.offer = undefined;
    const answer = matchChoice(innerDc.context.activity.text ?? '', this.deps.lexicon.yesNo());
    if (answer === undefined) return undefined;
    if (offer.kind === 'homework') {
      if (answer === 'yes') await submitHomework(this.deps, innerDc, offer.text);
      else await innerDc.context.sendActivity((await speak(this.deps, innerDc.context)).t('journey:homework.notSent'));
      await innerDc.repromptDialog();
      return ComponentDialog.EndOfTurn;
    }
    if (answer === 'yes') {
      if (offer.kind === 'language') return this.interrupt(innerDc, 'language', { setLanguage: offer.language });
      return this.interrupt(innerDc, offer.command as Command);
    }
    if (offer.kind === 'language') {
      innerDc.context.activity.text = offer.text;
      return super.onContinueDialog(innerDc);
    }
    await innerDc.repromptDialog();
    return ComponentDialog.EndOfTurn;
  }

  private async interrupt(innerDc: DialogContext, command: Command, extra: Partial<FlowOptions> = {}): Promise<DialogTurnResult> {
    const { t, person } = await speak(this.deps, innerDc.context);
    const inIntake = innerDc.stack.some((entry) => entry.id === INTAKE_DIALOG);
    // At the result the intake is finished: it is not "in the intake" any more (a language change
    // shows the result again instead of starting a new intake).
    const atResult = inIntake && !intakeUnfinished(person) && !!person.assessment;
    if (command === 'help') {
      await innerDc.context.sendActivity(t('common:help'));
      await innerDc.repromptDialog();
      return ComponentDialog.EndOfTurn;
    }
    if (command === 'stop' && inIntake && !atResult) await innerDc.context.sendActivity(t('common:stopped'));
    const atConsent = onStack(innerDc, CONSENT_DIALOG);
    await innerDc.cancelAllDialogs();
    // "stop" at the consent question is a "no, thanks"; "menu" there asks the question alone, not the whole notice again.
    if (atConsent && command === 'stop') {
      await recordConsent(this.deps, innerDc.context, false);
      return innerDc.beginDialog(FLOW, {});
    }
    if (atConsent && command === 'menu') return innerDc.beginDialog(FLOW, { consentQuestionOnly: true });
    // "Start over" in the intake or at its result starts the intake again, not the whole conversation.
    if (command === 'restart' && inIntake) return innerDc.beginDialog(FLOW, { start: 'intake', freshIntake: true });
    return innerDc.beginDialog(FLOW, { ...flowAfter(command, this.mentorReason(innerDc.context), inIntake ? (atResult ? 'result' : 'intake') : undefined), ...extra });
  }

  /** The talk the message asks for, when the bot can help with it: booking after a result that fits, cancelling or moving with consent. */
  private talkAsked(person: PersonRecord, text: string): TalkIntent | undefined {
    if (!this.deps.talks || !hasConsent(person)) return undefined;
    const intent = talkIntentOf(this.deps.lexicon, text);
    if (intent === 'book' && !talkFits(person.assessment?.outcome)) return undefined;
    return intent;
  }

  /** Whether the person is in the talent pool (the menu then has "stop follow-ups"). */
  private async inPool(context: TurnContext): Promise<boolean> {
    const person = await this.deps.person.get(context, {});
    if (!this.deps.pool || !person.assessment || !hasConsent(person) || !person.talentPool) return false;
    return inPool(await this.deps.pool.of({ channelId: context.activity.channelId, userId: context.activity.from.id }));
  }

  /** A mentor asked for right after the bot said it was not sure is asked for because of that. */
  private mentorReason(context: TurnContext): MentorReason {
    return context.turnState.get(AFTER_UNSURE) === true ? 'bot-unsure' : 'asked';
  }

  private async languageStep(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const { t, person } = await speak(this.deps, step.context);
    if (step.options.thanked) await step.context.sendActivity(t('common:thanksReply'));
    if (step.options.homework !== undefined) await submitHomework(this.deps, step, step.options.homework);
    if (step.options.greet) {
      await step.context.sendActivity(t('common:greeting'));
      // A first message that could be in two languages ("سلام") is greeted in the other one too.
      const also = person.language ? undefined : (await this.deps.session.get(step.context, {})).seenAlso;
      if (also) await step.context.sendActivity(this.deps.translator.t(also, 'common:greeting'));
    }
    const chosen = step.options.setLanguage;
    if (chosen) {
      if (!person.language) {
        await this.deps.funnel.record('started', chosen);
        await this.deps.outcomes?.reached('started', { firstContactAt: person.startedAt, language: chosen });
      }
      person.language = chosen;
      await step.context.sendActivity(this.deps.translator.t(chosen, 'language:changed'));
      return step.next();
    }
    if (!person.language || step.options.changeLanguage) return step.beginDialog(LANGUAGE_DIALOG, { suggest: step.options.suggestLanguage });
    return step.next();
  }

  private async consentStep(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const person = await this.deps.person.get(step.context, {});
    // Deleting needs no consent first: it must always be possible.
    if (person.consent || step.options.start === 'delete') return step.next();
    return step.beginDialog(CONSENT_DIALOG, { reason: 'first-time', questionOnly: step.options.consentQuestionOnly } satisfies ConsentOptions);
  }

  /** Where to go: back into the intake or to its result, a command's target, the resume offer, or the menu. */
  private async entryStep(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    if (step.options.returnTo === 'intake') return step.next('intake' satisfies MenuChoice);
    if (step.options.returnTo === 'result') return step.next();
    if (step.options.talk) return step.beginDialog(MENTOR_TALK_DIALOG, { mode: step.options.talk, ...(step.options.pick ? { pick: step.options.pick, kind: 'interview' } : {}) } satisfies MentorTalkOptions);
    if (step.options.start) return step.next(step.options.start);
    const person = await this.deps.person.get(step.context, {});
    const session = await this.deps.session.get(step.context, {});
    const now = this.deps.now();
    if (shouldOfferResume(person, session.intakeTouched === true, now)) {
      session.intakeTouched = true;
      person.intake!.resumeOfferedAt = now.toISOString();
      return step.beginDialog(RESUME_OFFER_DIALOG);
    }
    return this.promptMenu(step);
  }

  private async routeStep(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    if (step.options.returnTo === 'result') return step.beginDialog(ELIGIBILITY_DIALOG, { again: true } satisfies EligibilityOptions);
    const person = await this.deps.person.get(step.context, {});
    const choice = menuChoiceOf(this.deps.lexicon, step.result, !!person.assessment, await this.inPool(step.context));
    if (choice === undefined) return step.replaceDialog(FLOW, {});
    switch (choice) {
      case 'intake':
        return step.beginDialog(INTAKE_DIALOG, { fresh: step.options.freshIntake } satisfies IntakeOptions);
      case 'result':
        if (!person.assessment) return step.beginDialog(INTAKE_DIALOG);
        return step.beginDialog(ELIGIBILITY_DIALOG, { again: true } satisfies EligibilityOptions);
      case 'status':
        await sendWhereAmI(this.deps, step.context);
        return step.replaceDialog(FLOW, {});
      case 'faq':
        return step.beginDialog(FAQ_DIALOG);
      case 'mentor':
        return step.beginDialog(MENTOR_DIALOG, { reason: step.options.mentorReason ?? this.mentorReason(step.context) });
      case 'language':
        return step.replaceDialog(FLOW, { changeLanguage: true });
      case 'followUps':
        if (this.deps.pool) await stopFollowUps(this.deps, step.context);
        return step.replaceDialog(FLOW, {});
      case 'delete':
        return step.beginDialog(DELETE_DATA_DIALOG);
    }
  }

  private async loopStep(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    // Erased, or in the mentor queue: the bot stops here; the next message starts afresh or goes to the mentor.
    if ((step.result as DeleteResult | undefined)?.erased || (step.result as MentorEnd | undefined)?.handoff) return step.endDialog();
    const faq = typeof step.result === 'object' && step.result !== null ? (step.result as FaqEnd) : undefined;
    if (faq && 'command' in faq) {
      if (faq.command !== 'help') return step.replaceDialog(FLOW, flowAfter(faq.command, this.mentorReason(step.context)));
      const { t } = await speak(this.deps, step.context);
      await step.context.sendActivity(t('common:help'));
      return step.replaceDialog(FLOW, { start: 'faq' });
    }
    if (faq && 'next' in faq) {
      return step.replaceDialog(FLOW, faq.next === 'mentor' ? flowAfter('mentor', this.mentorReason(step.context)) : { start: faq.next });
    }
    return step.replaceDialog(FLOW, {});
  }

  private async promptMenu(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const { t, person } = await speak(this.deps, step.context);
    const spec = menuSpec(this.deps.lexicon, !!person.assessment, await this.inPool(step.context));
    const buttons = spec.options.map((o) => t(menuLabelKey(o.value as MenuChoice)));
    return step.prompt(ANSWER_PROMPT, {
      prompt: question(t('common:menu.prompt'), buttons),
      retryPrompt: question(t('common:chooseButton'), buttons),
      validations: spec,
    });
  }
}
