import calibrationFile from './faqCalibration.json';
import type { Calibration } from './embeddedRecognizer';
import { collectExamples, examplesFingerprint } from './trainingExamples';
import type { LocaleResources } from '../i18n/localeResources';

/** After this many examples staff added, the calibration (fitted on locales/ only) is due a refit. */
export const REFIT_AFTER_STAFF_EXAMPLES = 25;
export const REFIT_COMMAND = 'npm run calibrate:faq';

export interface RefitStatus {
  /** The calibration file was fitted on the examples now in locales/. */
  fitsSeedExamples: boolean;
  /** Examples staff added in the console: the calibration has never seen them. */
  staffExamples: number;
  threshold: number;
  due: boolean;
  command: string;
}

/**
 * Whether `npm run calibrate:faq` is due: when the examples in locales/ are no longer those the
 * calibration was fitted on, or when staff have added REFIT_AFTER_STAFF_EXAMPLES examples or more
 * (each is answered for sure, but the confidence of the questions around them is weighed as before).
 * The examples in locales/ are compared once, on the first call.
 */
export function refitCheck(resources: LocaleResources, calibration: Pick<Calibration, 'examples'> = calibrationFile as Calibration): (staffExamples: number) => RefitStatus {
  let fitsSeedExamples: boolean | undefined;
  return (staffExamples) => {
    fitsSeedExamples ??= calibration.examples === examplesFingerprint(collectExamples(resources));
    return { fitsSeedExamples, staffExamples, threshold: REFIT_AFTER_STAFF_EXAMPLES, due: !fitsSeedExamples || staffExamples >= REFIT_AFTER_STAFF_EXAMPLES, command: REFIT_COMMAND };
  };
}
