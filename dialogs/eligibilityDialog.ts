import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Assessment, assessEligibility, Outcome, settledAssessment, settledOutcome } from '../src/domain/eligibility';
import { intakeField, profileFromAnswers } from '../src/domain/intake';
import { describeAssessment } from '../src/i18n/describeAssessment';
import { hasConsent } from '../src/domain/person';
import { AnswerPrompt, ANSWER_PROMPT } from './answerPrompt';
import { DialogDeps, speak } from './dialogDeps';
import { MentorDialog, MENTOR_DIALOG } from './mentorDialog';
import { saidYes, yesNoPrompt } from './yesNo';
import { MentorTalkDialog, MentorTalkEnd, MentorTalkOptions, MENTOR_TALK_DIALOG } from './mentorTalkDialog';
import { talkFits } from '../src/domain/mentorSlots';
import { inPool, poolReasonFor } from '../src/domain/talentPool';
import { askPoolConsent, poolResult } from './poolFollowUp';
import { PoolConsentDialog, PoolConsentOptions, POOL_CONSENT_DIALOG } from './poolConsentDialog';

export const ELIGIBILITY_DIALOG = 'eligibilityDialog';
const STEPS = 'eligibilityDialog.steps';

export interface EligibilityOptions {
  /** Show the stored result again (the language was changed at the result) instead of assessing anew. */
  again?: boolean;
  /** The intake stopped early because the answers so far settle this outcome. */
  settled?: Outcome;
}

/**
 * Assesses the finished intake with the programme rules, keeps the result with the person's record,
 * and tells it in simple words: what it means, why, the next step, the routes that fit; then offers
 * a mentor. Answers that do not make a valid profile give no result: the dialog ends 'incomplete'.
 */
export class EligibilityDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(ELIGIBILITY_DIALOG);
    this.addDialog(new AnswerPrompt());
    this.addDialog(new MentorDialog(deps));
    this.addDialog(new MentorTalkDialog(deps));
    this.addDialog(new PoolConsentDialog(deps));
    this.addDialog(new WaterfallDialog(STEPS, [this.resultStep.bind(this), this.afterTalkStep.bind(this), this.mentorStep.bind(this), this.endStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async resultStep(step: WaterfallStepContext<EligibilityOptions>): Promise<DialogTurnResult> {
    const { t, lng, person } = await speak(this.deps, step.context);
    let assessment: Assessment | undefined = step.options?.again ? person.assessment : undefined;
    const fresh = !assessment;
    if (!assessment) {
      const profile = step.options?.settled ? undefined : profileFromAnswers(person.intake?.answers ?? {});
      if (profile && !profile.ok) return step.endDialog('incomplete');
      assessment = profile?.ok ? assessEligibility(profile.profile) : settledAssessment(step.options!.settled!);
      person.assessment = { ...assessment, at: this.deps.now().toISOString() };
      await this.deps.funnel.record(`outcome:${assessment.outcome}`, lng);
      // The selection journey starts with the result (only with consent: nothing is kept without).
      if (hasConsent(person)) {
        const { channelId, from } = step.context.activity;
        await this.deps.journeys?.begin({ channelId, userId: from.id }, assessment.outcome, person.intake?.answers.motivation, this.deps.now(), person);
      }
    }
    const estimatedLanguages = (person.intake?.estimated ?? []).map((id) => intakeField(id).language).filter((l) => l !== undefined);
    const text = describeAssessment(assessment, this.deps.translator, lng, { estimatedLanguages, links: this.deps.routeLinks });
    const [outcome, ...flags] = text.reasons;
    const estimates = estimatedLanguages.map((language) => t('intake:canDo.resultNote', { language: t(`intake:canDo.languages.${language}`) }));
    // Stopped early: what they can do now, besides the routes (the FAQ, a mentor, their languages).
    const settled = settledOutcome(person.intake?.answers ?? {});
    const now = settled === assessment.outcome ? [t(`eligibility:settled.${settled}`)] : [];
    await step.context.sendActivity([t('eligibility:intro'), outcome, ...estimates, text.nextStep, ...now].join('\n'));
    if (flags.length > 0) await step.context.sendActivity(flags.map((f) => `• ${f}`).join('\n'));
    // Each route with a first step, then its web address where the operator gave one (ROUTE_LINKS); for a
    // route without one the way to it is the programme's own: a mentor (said once, when any route lacks one).
    const routes = text.routes.map((route, i) => [`• ${route}`, `  ${text.firstSteps[i]}`, ...(text.links[i] ? [`  ${text.links[i]}`] : [])].join('\n'));
    const contact = text.links.some((link) => link === undefined) ? [t('eligibility:routeContact')] : [];
    await step.context.sendActivity([t('eligibility:routesTitle'), ...routes, ...contact].join('\n'));
    // The talent pool: a person in it gets the check-in's outcome; a result that is not ready yet asks whether to keep in touch.
    const pool = this.deps.pool && fresh && hasConsent(person) ? this.deps.pool : undefined;
    const { channelId, from } = step.context.activity;
    if (pool && inPool(await pool.of({ channelId, userId: from.id }))) await poolResult(this.deps, step.context);
    else if (pool && poolReasonFor(assessment.outcome)) {
      const question = await askPoolConsent(this.deps, step.context, poolReasonFor(assessment.outcome)!);
      if (question) {
        (step.values as { pool?: boolean }).pool = true;
        return step.beginDialog(POOL_CONSENT_DIALOG, { question } satisfies PoolConsentOptions);
      }
    }
    // A result that fits: the talk with a mentor, to book now (with consent: a booking is personal data).
    if (this.deps.talks && talkFits(assessment.outcome) && hasConsent(person)) {
      (step.values as { talk?: boolean }).talk = true;
      return step.beginDialog(MENTOR_TALK_DIALOG, { mode: 'book', quiet: true } satisfies MentorTalkOptions);
    }
    return step.prompt(ANSWER_PROMPT, yesNoPrompt(this.deps, t, t('eligibility:mentorOffer')));
  }

  /** After the talk's slots: booked (or had one) ends here; no time that fits (or none free) gets the mentor offer. */
  private async afterTalkStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.values as { pool?: boolean }).pool) {
      // "May we contact you again?" was answered (and recorded there): the mentor offer as after any result.
      const { t } = await speak(this.deps, step.context);
      return step.prompt(ANSWER_PROMPT, yesNoPrompt(this.deps, t, t('eligibility:mentorOffer')));
    }
    if (!(step.values as { talk?: boolean }).talk) return step.next(step.result);
    const end = step.result as MentorTalkEnd;
    if (end === 'booked' || end === 'has-booking') return step.endDialog('completed');
    const { t } = await speak(this.deps, step.context);
    return step.prompt(ANSWER_PROMPT, yesNoPrompt(this.deps, t, t('eligibility:mentorOffer')));
  }

  private async mentorStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = await speak(this.deps, step.context);
    if (saidYes(this.deps, t, step.result as string)) return step.beginDialog(MENTOR_DIALOG, { reason: 'eligibility-follow-up' });
    return step.next();
  }

  /** Ends with the mentor dialog's result when a mentor was asked for (the person is then in line). */
  private async endStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result ?? 'completed');
  }
}
