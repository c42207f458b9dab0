import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { ANSWER_DEPENDS, FaqTopic, FOLLOW_UPS, FollowUp } from '../src/domain/faqTopics';
import { normalizePhrase, normalizeText } from '../src/domain/normalizeText';
import { AnswerPrompt, ANSWER_PROMPT } from './answerPrompt';
import { AnswerSpec, question } from './answerSpec';
import { DialogDeps, speak } from './dialogDeps';
import { faqAnswer } from './faqAnswers';
import { FEEDBACK, feedbackIn, recordFeedback } from './faqFeedback';
import type { RecognizedCommand } from '../src/nlu/recognizer';

export const FAQ_DIALOG = 'faqDialog';
const STEPS = 'faqDialog.steps';

export interface FaqOptions {
  /** A question already typed; otherwise the dialog asks for one. */
  question?: string;
  /** After "did this help?" was answered: wait for the next question with these follow-ups. */
  waiting?: { followUps: FollowUp[] };
}

interface FaqValues {
  followUps: FollowUp[];
  /** The topic just answered, which the helpful / not helpful buttons are about. */
  topic?: FaqTopic;
  /** The question just answered and how sure the answer was: kept for staff if it was not helpful. */
  asked?: { text: string; confidence: number };
}

/**
 * How the FAQ ends: the person picked a follow-up (start the intake, talk to a mentor), or asked in
 * their own words for something the bot does anywhere ("delete all my data"): the main dialog does it.
 */
export type FaqEnd = { next: FollowUp } | { command: RecognizedCommand };

const QUESTION: AnswerSpec = { type: 'text', isQuestion: true };

/**
 * Questions about working in IT, one after another. A sure answer comes in the person's language
 * with the follow-up that fits; when the recognizer is not sure, the bot says so and offers a mentor
 * instead of guessing.
 */
export class FaqDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(FAQ_DIALOG);
    this.addDialog(new AnswerPrompt());
    this.addDialog(new WaterfallDialog(STEPS, [this.askStep.bind(this), this.answerStep.bind(this), this.nextStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async askStep(step: WaterfallStepContext<FaqOptions>): Promise<DialogTurnResult> {
    if (step.options?.question) return step.next(step.options.question);
    const { t } = await speak(this.deps, step.context);
    const waiting = step.options?.waiting;
    if (waiting) {
      const buttons = [...waiting.followUps.map((f) => t(`common:menu.${f}`)), t('common:buttons.menu')];
      return step.prompt(ANSWER_PROMPT, { prompt: question(t('faq:another'), buttons), retryPrompt: question(t('faq:another'), buttons), validations: QUESTION });
    }
    return step.prompt(ANSWER_PROMPT, { prompt: question(t('faq:ask')), retryPrompt: question(t('faq:ask')), validations: QUESTION });
  }

  private async answerStep(step: WaterfallStepContext<FaqOptions>): Promise<DialogTurnResult> {
    const { t, lng } = await speak(this.deps, step.context);
    const chosen = step.options?.waiting && followUpChosen(t, step.result as string, step.options.waiting.followUps);
    if (chosen) return step.endDialog({ next: chosen } satisfies FaqEnd);
    const recognition = await this.deps.recognizer.recognize(step.result as string, lng);
    if (!recognition.topic && recognition.command) return step.endDialog({ command: recognition.command } satisfies FaqEnd);
    let followUps: FollowUp[] = ['mentor'];
    if (recognition.topic) {
      await step.context.sendActivity(faqAnswer(this.deps, t, recognition.topic));
      // Where the answer depends on the partner or the municipality, the mentor comes first.
      const mentorFirst = ANSWER_DEPENDS.has(recognition.topic);
      followUps = [...new Set<FollowUp>(mentorFirst ? ['mentor', ...(FOLLOW_UPS[recognition.topic] ?? [])] : [...(FOLLOW_UPS[recognition.topic] ?? []), 'mentor'])];
    } else {
      await step.context.sendActivity(t('faq:notSure'));
      (await this.deps.session.get(step.context, {})).botUnsure = true;
      await this.deps.unanswered?.record(step.context, { text: step.result as string, lng, reason: 'unsure', guess: recognition.bestGuess, confidence: recognition.confidence });
    }
    const values = step.values as FaqValues;
    values.followUps = followUps;
    values.topic = recognition.topic ?? undefined;
    values.asked = { text: step.result as string, confidence: recognition.confidence };
    // "Did this help?" after an answer: two buttons after the follow-ups; typing the next question goes on as before.
    const feedback = recognition.topic ? FEEDBACK.map((f) => t(`faq:feedback.${f}`)) : [];
    const buttons = [...followUps.map((f) => t(`common:menu.${f}`)), ...feedback, t('common:buttons.menu')];
    return step.prompt(ANSWER_PROMPT, { prompt: question(t('faq:another'), buttons), retryPrompt: question(t('faq:another'), buttons), validations: QUESTION });
  }

  /**
   * A tapped follow-up ends the FAQ; helpful / not helpful is counted for the topic and language, thanked
   * for, and the bot waits for the next question (after "not helpful" with the mentor first); anything
   * else is the next question.
   */
  private async nextStep(step: WaterfallStepContext<FaqOptions>): Promise<DialogTurnResult> {
    const { t, lng } = await speak(this.deps, step.context);
    const { followUps, topic, asked } = step.values as FaqValues;
    const chosen = followUpChosen(t, step.result as string, followUps);
    if (chosen) return step.endDialog({ next: chosen } satisfies FaqEnd);
    const feedback = topic ? feedbackIn(t, step.result as string) : undefined;
    if (topic && feedback) {
      await recordFeedback(this.deps, step.context, lng, feedback, { topic, text: asked?.text ?? '', confidence: asked?.confidence ?? 0 });
      await step.context.sendActivity(t(feedback === 'helpful' ? 'faq:feedback.thanks' : 'faq:feedback.sorry'));
      const next: FollowUp[] = feedback === 'helpful' ? followUps : ['mentor', ...followUps.filter((f) => f !== 'mentor')];
      return step.replaceDialog(STEPS, { waiting: { followUps: next } } satisfies FaqOptions);
    }
    return step.replaceDialog(STEPS, { question: step.result as string } satisfies FaqOptions);
  }
}

/** The follow-up whose button was tapped (or typed as it reads), if any. */
function followUpChosen(t: (key: string) => string, answer: string, followUps: FollowUp[]): FollowUp | undefined {
  const text = normalizeText(answer);
  return followUps.find((f) => normalizePhrase(t(`common:menu.${f}`)) === text);
}
