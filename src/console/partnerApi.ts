import { z } from 'zod';
import { MAX_STEP_NOTE, PARTNER_STEPS, type Partner, type PartnerFile, type PartnerRefusalCode, type PartnerStep } from '../domain/partnerSteps';
import type { JourneyStage } from '../domain/journey';

/** GET …/partner: the person's partner file, the partners to choose from, and what can happen now. */
export interface PartnerView {
  partners: Partner[];
  stage: JourneyStage | null;
  file: PartnerFile | null;
  /** The step that comes next, when referred and not all nine are recorded. */
  next: PartnerStep | null;
  /** The day of the training's four-week decision, once the training started. */
  decisionDay: string | null;
  /** Whether the person heard of the last change (only after a change). */
  delivery?: 'sent' | 'held' | 'failed' | 'no-conversation' | null;
}

/** 409 partner-refused: why the change was not made. */
export interface PartnerRefusalView {
  code: PartnerRefusalCode;
  expected?: PartnerStep;
  step?: PartnerStep;
}

const partnerId = z.string().trim().min(1).max(40);

export const PartnerChoiceRequest = z.object({ partner: partnerId }).strict();
export type PartnerChoiceRequest = z.infer<typeof PartnerChoiceRequest>;

export const PartnerStepRequest = z
  .object({
    step: z.enum(PARTNER_STEPS),
    date: z.string().trim().max(10),
    note: z.string().max(MAX_STEP_NOTE + 100).default(''),
    contract: z
      .object({
        months: z.number().int().min(0).max(600),
        hoursPerWeek: z.number().min(0).max(80),
        offBenefits: z.boolean(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type PartnerStepRequest = z.infer<typeof PartnerStepRequest>;
