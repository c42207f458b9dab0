import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { hasConsent, MentorReason } from '../src/domain/person';
import { ConsentDialog, CONSENT_DIALOG } from './consentDialog';
import { DialogDeps, speak } from './dialogDeps';

export const MENTOR_DIALOG = 'mentorDialog';
const STEPS = 'mentorDialog.steps';

export interface MentorOptions {
  reason?: MentorReason;
}

/**
 * Records that the person wants to talk to a mentor. A mentor sees the person's answers, so this
 * needs consent first.
 */
export class MentorDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(MENTOR_DIALOG);
    this.addDialog(new ConsentDialog(deps));
    this.addDialog(new WaterfallDialog(STEPS, [this.consentStep.bind(this), this.recordStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async consentStep(step: WaterfallStepContext<MentorOptions>): Promise<DialogTurnResult> {
    const person = await this.deps.person.get(step.context, {});
    if (hasConsent(person)) return step.next(true);
    return step.beginDialog(CONSENT_DIALOG, { reason: 'needed' });
  }

  private async recordStep(step: WaterfallStepContext<MentorOptions>): Promise<DialogTurnResult> {
    if (step.result !== true) return step.endDialog(false);
    const { t, person } = await speak(this.deps, step.context);
    const requests = (person.mentorRequests ??= []);
    const alreadyAsked = requests.length > 0;
    requests.push({ at: this.deps.now().toISOString(), reason: step.options?.reason ?? 'asked' });
    await step.context.sendActivity(t(alreadyAsked ? 'mentor:alreadyNoted' : 'mentor:noted'));
    return step.endDialog(true);
  }
}
