import type { Activity } from 'botbuilder';
import { ComponentDialog, DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { homeworkInMessage, isOnlyLink, MAX_SUBMISSION_LENGTH } from '../src/domain/homework';
import { MAX_TEXT_CHARS, textWasCut } from '../src/domain/textCut';
import { DialogDeps, speak } from './dialogDeps';
import { yesNoPrompt } from './yesNo';

/**
 * Homework handed in through the chat: "my homework: …", "huiswerk: https://…", "واجبي: …",
 * "ödevim: …", "تکلیفم: …", "ዕዮ ገዛይ: …" (journey:homeworkWords in every language), at any
 * question; a message that is only a link, from a person at homework-given, after a yes to "is this
 * link your homework?". Undefined: the message is something else, the dialogs go on with it.
 */
export async function homeworkInsteadOfAnswer(deps: DialogDeps, innerDc: DialogContext, text: string): Promise<DialogTurnResult | undefined> {
  const keeper = deps.journeys;
  const { channelId, from } = innerDc.context.activity;
  if (!keeper?.submitHomework || !from?.id) return undefined;
  const handedIn = homeworkInMessage(text, deps.lexicon.listEverywhere('journey:homeworkWords'));
  const linkOnly = handedIn === undefined && isOnlyLink(text);
  if (handedIn === undefined && !linkOnly) return undefined;
  const journey = await keeper.of({ channelId, userId: from.id });
  if (linkOnly) {
    // A bare link is homework only for a person who has some to send; anyone else sent it for another reason.
    if (journey?.stage !== 'homework-given') return undefined;
    const { t } = await speak(deps, innerDc.context);
    (await deps.session.get(innerDc.context, {})).offer = { kind: 'homework', text: text.trim() };
    await innerDc.context.sendActivity(yesNoPrompt(deps, t, t('journey:homework.confirmLink')).prompt as Partial<Activity>);
    return ComponentDialog.EndOfTurn;
  }
  await submit(deps, innerDc, handedIn!);
  await innerDc.repromptDialog();
  return ComponentDialog.EndOfTurn;
}

/** Hands the homework in and tells the person what happened: received, too long, nothing to send now. */
export async function submit(deps: DialogDeps, innerDc: DialogContext, handedIn: string): Promise<void> {
  const { t } = await speak(deps, innerDc.context);
  const { channelId, from, channelData } = innerDc.context.activity;
  // A message cut at the edge is only its first part: handed in, the mentor would read half a homework.
  if (textWasCut(channelData)) return void (await innerDc.context.sendActivity(t('journey:homework.tooLong', { max: MAX_TEXT_CHARS.toLocaleString('en') })));
  const result = await deps.journeys!.submitHomework!({ channelId, userId: from!.id }, handedIn, deps.now());
  if (result.ok) return void (await innerDc.context.sendActivity(t('journey:homework.received')));
  const problem = 'problem' in result ? result.problem : 'not-at-homework';
  const key = problem === 'too-long' ? 'journey:homework.tooLong' : problem === 'empty' ? 'journey:homework.empty' : 'journey:homework.notNow';
  await innerDc.context.sendActivity(t(key, { max: MAX_SUBMISSION_LENGTH.toLocaleString('en') }));
}
