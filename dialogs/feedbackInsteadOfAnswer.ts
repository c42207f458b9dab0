import { ComponentDialog, DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { DialogDeps, speak } from './dialogDeps';
import { takeFeedback } from './faqFeedback';
import { repromptWithMentor } from './repromptWithMentor';
import { waitingFor } from './waitingPrompt';

/**
 * A tap on the helpful / not helpful pair under an answer given at the menu or in the intake (not in
 * the FAQ, which asks itself): counted and thanked for, then the waiting question again, after "not
 * helpful" with the mentor button.
 */
export async function feedbackInsteadOfAnswer(deps: DialogDeps, innerDc: DialogContext, text: string): Promise<DialogTurnResult | undefined> {
  const spec = waitingFor(innerDc);
  if (!spec || (spec.type === 'text' && spec.isQuestion)) return undefined;
  const { t, lng } = await speak(deps, innerDc.context);
  const feedback = await takeFeedback(deps, innerDc.context, t, lng, text);
  if (!feedback) return undefined;
  if (feedback === 'notHelpful') await repromptWithMentor(deps, innerDc, t, lng);
  else await innerDc.repromptDialog();
  return ComponentDialog.EndOfTurn;
}
