import { ActionTypes, Activity, MessageFactory, TurnContext } from 'botbuilder';
import type { FaqTopic } from '../src/domain/faqTopics';
import { normalizePhrase, normalizeText } from '../src/domain/normalizeText';
import type { Language } from '../src/i18n/languages';
import type { DialogDeps } from './dialogDeps';
import { faqAnswer } from './faqAnswers';

type T = (key: string, vars?: Record<string, unknown>) => string;

export type Feedback = 'helpful' | 'notHelpful';
export const FEEDBACK: readonly Feedback[] = ['helpful', 'notHelpful'];

/** The feedback a message is, when it is one of the two buttons (tapped, or typed as it reads). */
export function feedbackIn(t: T, text: string): Feedback | undefined {
  const typed = normalizeText(text);
  return typed ? FEEDBACK.find((f) => normalizePhrase(t(`faq:feedback.${f}`)) === typed) : undefined;
}

/**
 * Counts a tap for the topic and language; "not helpful" also keeps the question for staff (only
 * with consent, see UnansweredRecorder).
 */
export async function recordFeedback(
  deps: DialogDeps,
  context: TurnContext,
  lng: Language,
  feedback: Feedback,
  answered: { topic: FaqTopic; text: string; confidence: number },
): Promise<void> {
  await deps.funnel.record(`faq:${answered.topic}:${feedback}`, lng);
  if (feedback === 'notHelpful') {
    await deps.unanswered?.record(context, { text: answered.text, lng, reason: 'notHelpful', guess: answered.topic, confidence: answered.confidence });
  }
}

/**
 * A sure answer given where the bot waits for something else (at the menu, in the middle of the
 * intake): the answer carries the helpful / not helpful pair as its own buttons, so they come in the
 * same message and the question asked again after it keeps its own buttons. Tapping them is
 * optional; the answer it is about is kept in the session until a tap or the next such answer.
 */
export async function sendAnswerWithFeedback(deps: DialogDeps, context: TurnContext, t: T, answered: { topic: FaqTopic; text: string; confidence: number }): Promise<void> {
  const buttons = FEEDBACK.map((f) => t(`faq:feedback.${f}`));
  const answer: Partial<Activity> = MessageFactory.suggestedActions(
    buttons.map((title) => ({ type: ActionTypes.ImBack, title, value: title })),
    faqAnswer(deps, t, answered.topic),
  );
  (await deps.session.get(context, {})).faqAnswered = answered;
  await context.sendActivity(answer);
}

/**
 * A tap on the pair under such an answer, outside the FAQ: counted once for the answer it is about
 * and thanked for; undefined when the message is no such tap. A tap with no answer to count (tapped
 * twice, or under an answer long ago) is still a tap, not an answer to the question waiting.
 */
export async function takeFeedback(deps: DialogDeps, context: TurnContext, t: T, lng: Language, text: string): Promise<Feedback | 'again' | undefined> {
  const feedback = feedbackIn(t, text);
  if (!feedback) return undefined;
  const session = await deps.session.get(context, {});
  const answered = session.faqAnswered;
  if (!answered) return 'again';
  session.faqAnswered = undefined;
  await recordFeedback(deps, context, lng, feedback, answered);
  await context.sendActivity(t(feedback === 'helpful' ? 'faq:feedback.thanks' : 'faq:feedback.sorry'));
  return feedback;
}
