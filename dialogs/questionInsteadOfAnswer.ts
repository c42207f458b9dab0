import { ComponentDialog, DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { Activity } from 'botbuilder';
import { hasQuestionMark, looksLikeQuestion } from '../src/domain/looksLikeQuestion';
import { ANSWER_DEPENDS } from '../src/domain/faqTopics';
import { parseAnswer } from './answerSpec';
import { DialogDeps, speak } from './dialogDeps';
import { sendAnswerWithFeedback } from './faqFeedback';
import type { Command } from './flowOptions';
import { isMenu } from './menu';
import { repromptWithMentor } from './repromptWithMentor';
import { answersExactly, waitingFor } from './waitingPrompt';
import { yesNoPrompt } from './yesNo';

/**
 * A question asked where the bot waits for an answer (at the menu, in the middle of the intake):
 * a sure FAQ answer is given and the same question asked again, so the conversation goes on; a
 * command said in other words is carried out. Text that does not fit is a question only when it
 * reads as one ("?", a question word or particle): the recognizer is sure of a topic for many
 * non-questions ("weet ik niet", "Syrië"), and those must get the question's own retry prompt.
 */
export async function questionInsteadOfAnswer(
  deps: DialogDeps,
  innerDc: DialogContext,
  text: string,
  interrupt: (command: Command) => Promise<DialogTurnResult>,
): Promise<DialogTurnResult | undefined> {
  const spec = waitingFor(innerDc);
  if (!spec || !text.trim() || (spec.type === 'text' && spec.isQuestion)) return undefined;
  const isAnswer = parseAnswer(spec, text) !== undefined;
  // A tapped button or a valid choice is an answer, even "Can I join?"; only where any text is a
  // valid answer (a name, the motivation) can a question be told from an answer by how it reads.
  const freeText = spec.type === 'text' || spec.type === 'name';
  const isQuestion = looksLikeQuestion(text);
  // A choice found only as a word inside a question ("will I get paid during the training?" holds
  // "training" at the experience question) is a question when the recognizer is sure of its topic.
  const wordInQuestion = isAnswer && !freeText && isQuestion && !answersExactly(spec, text);
  if (isAnswer && !freeText && !wordInQuestion) return undefined;
  if (isAnswer && !isQuestion) return undefined;
  // At the menu nothing but a menu choice is an answer, so a word the bot is sure of ("uitkering") is a
  // question there; in the intake such a word is more likely a wrong answer ("Syrië", "fulltime").
  const askedAtMenu = !isAnswer && isMenu(deps.lexicon, spec);
  const { t, lng } = await speak(deps, innerDc.context);
  const recognition = await deps.recognizer.recognize(text, lng);
  if ((isQuestion || askedAtMenu) && recognition.topic) {
    await sendAnswerWithFeedback(deps, innerDc.context, t, { topic: recognition.topic, text, confidence: recognition.confidence });
    // An answer that depends on the partner or the municipality comes with the mentor button.
    if (ANSWER_DEPENDS.has(recognition.topic)) await repromptWithMentor(deps, innerDc, t, lng);
    else await innerDc.repromptDialog();
    return ComponentDialog.EndOfTurn;
  }
  if (wordInQuestion) return undefined;
  if (recognition.command && !isAnswer) {
    // Command words inside a longer message ("I want to start my life again") may mean something
    // else: only a short, command-like message is the command; otherwise the person is asked.
    if (deps.lexicon.commandLike(text, recognition.command)) return interrupt(recognition.command);
    (await deps.session.get(innerDc.context, {})).offer = { kind: 'command', command: recognition.command, text };
    const offer = t('common:commandOffer', { command: t(`common:commandNames.${recognition.command}`) });
    await innerDc.context.sendActivity(yesNoPrompt(deps, t, offer).prompt as Partial<Activity>);
    return ComponentDialog.EndOfTurn;
  }
  // Question words alone do not make a name a question ("Kim"); a question mark does.
  if (isQuestion && (!isAnswer || hasQuestionMark(text))) {
    await innerDc.context.sendActivity(t('faq:notSure'));
    (await deps.session.get(innerDc.context, {})).botUnsure = true;
    await repromptWithMentor(deps, innerDc, t, lng);
    return ComponentDialog.EndOfTurn;
  }
  return undefined;
}
