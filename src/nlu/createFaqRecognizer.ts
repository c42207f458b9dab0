import path from 'node:path';
import { readLocaleResources, LocaleResources } from '../i18n/localeResources';
import { PROJECT_ROOT } from '../projectRoot';
import calibrationFile from './faqCalibration.json';
import { Calibration, EmbeddedRecognizer } from './embeddedRecognizer';
import { collectExamples, examplesFingerprint } from './trainingExamples';
import { CluRecognizer, SdkCluClient } from './cluRecognizer';
import type { Recognizer } from './recognizer';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { LiveExamplesRecognizer } from './liveExamplesRecognizer';

export const CALIBRATION_PATH = path.join(PROJECT_ROOT, 'src/nlu/faqCalibration.json');

/**
 * The embedded recognizer over the examples in locales/, with the calibration fitted on them
 * (`npm run calibrate:faq` refits it after the examples change; a test says when that is due).
 */
export function createEmbeddedRecognizer(resources: LocaleResources = readLocaleResources(path.join(PROJECT_ROOT, 'locales'))): EmbeddedRecognizer {
  const examples = collectExamples(resources);
  const calibration = calibrationFile as Calibration;
  if (calibration.examples !== examplesFingerprint(examples)) {
    // Still usable, but the confidence is fitted on other examples; the test suite fails on this.
    process.emitWarning('the FAQ calibration is out of date: run npm run calibrate:faq', 'VitCalibrationWarning');
  }
  return new EmbeddedRecognizer(examples, calibration);
}

/** The embedded recognizer that also learns the examples staff add in the console. */
export function createLiveRecognizer(resources: LocaleResources = readLocaleResources(path.join(PROJECT_ROOT, 'locales'))): LiveExamplesRecognizer {
  return new LiveExamplesRecognizer(collectExamples(resources), calibrationFile as Calibration);
}

/**
 * The recognizer the configuration asks for: CLU in front of the embedded one, or the embedded one.
 * `embedded` may be given (the server's own, which learns staff examples); by default it is built here.
 */
export function createRecognizer(config: Config, logger: Logger, embedded: Recognizer = createEmbeddedRecognizer()): Recognizer {
  if (!config.CLU_ENDPOINT || !config.CLU_KEY || !config.CLU_PROJECT || !config.CLU_DEPLOYMENT) return embedded;
  const client = new SdkCluClient({ endpoint: config.CLU_ENDPOINT, key: config.CLU_KEY, project: config.CLU_PROJECT, deployment: config.CLU_DEPLOYMENT });
  return new CluRecognizer(client, embedded, { timeoutMs: config.CLU_TIMEOUT_MS, minConfidence: config.CLU_MIN_CONFIDENCE }, logger);
}
