import { ActionTypes } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { Language } from '../src/i18n/languages';
import type { DialogDeps } from './dialogDeps';
import { addAction } from './navigation';
import { waitingPrompt } from './waitingPrompt';

/**
 * Asks the waiting question again with a mentor button added to its buttons, after the bot said it
 * was not sure. The button sends the mentor command, so the question itself is left as it was.
 */
export async function repromptWithMentor(deps: DialogDeps, innerDc: DialogContext, t: (key: string) => string, lng: Language): Promise<void> {
  const prompt = waitingPrompt(innerDc);
  const mentorWord = deps.translator.list(lng, 'commands:mentor')[0];
  if (!prompt || !mentorWord) {
    await innerDc.repromptDialog();
    return;
  }
  const shown = prompt.suggestedActions?.actions ?? [];
  const title = t('common:menu.mentor');
  // The menu has a mentor button of its own; the mentor offer's "yes" is the way to a mentor already.
  const offersMentor = prompt.text === t('eligibility:mentorOffer');
  const actions = offersMentor || shown.some((a) => a.title === title) ? shown : addAction(shown, { type: ActionTypes.ImBack, title, value: mentorWord }, deps.lexicon);
  await innerDc.context.sendActivity({ ...prompt, suggestedActions: { to: prompt.suggestedActions?.to ?? [], actions } });
}
