import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { hasConsent, MentorReason } from '../src/domain/person';
import { ConsentDialog, CONSENT_DIALOG } from './consentDialog';
import { DialogDeps, speak } from './dialogDeps';

export const MENTOR_DIALOG = 'mentorDialog';
const STEPS = 'mentorDialog.steps';

/** How asking for a mentor ended: in the queue, or not (no consent). */
export interface MentorEnd {
  handoff: boolean;
}

export interface MentorOptions {
  reason?: MentorReason;
}

/**
 * Puts the person in line for a mentor and tells them their place (and when mentors are back, if
 * they are not around now). A mentor sees the person's answers, so this needs consent first.
 * Ends with { handoff: true }: from then on the person's messages go to the mentor, not to dialogs.
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
    if (step.result !== true) return step.endDialog({ handoff: false } satisfies MentorEnd);
    const { t, lng, person } = await speak(this.deps, step.context);
    const reason = step.options?.reason ?? 'asked';
    const result = await this.deps.mentors.request(step.context, reason);
    if (result.created) await this.deps.funnel.record('mentorAsked', lng);
    (person.mentorRequests ??= []).push({ at: this.deps.now().toISOString(), reason });
    if (result.active) {
      await step.context.sendActivity(t('handoff:alreadyTalking'));
    } else {
      await step.context.sendActivity(t(result.created ? 'handoff:requested' : 'handoff:alreadyWaiting', { place: result.place ?? 1 }));
      // Only when mentors are back: how to wait comes next, once (the person can write now in both cases).
      if (result.backAt) await step.context.sendActivity(t('handoff:backAt', { when: result.backAt }));
      await step.context.sendActivity(t('handoff:howToWait'));
    }
    return step.endDialog({ handoff: true } satisfies MentorEnd);
  }
}
