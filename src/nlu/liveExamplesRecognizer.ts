import type { Language } from '../i18n/languages';
import { Calibration, EmbeddedRecognizer } from './embeddedRecognizer';
import type { Recognition, Recognizer } from './recognizer';
import type { Example } from './trainingExamples';

/**
 * The embedded recognizer over the examples in locales/ plus those staff added in the console. Adding
 * examples rebuilds the MiniSearch index (about as long as start-up's build) and swaps it in, so a
 * question being recognized meanwhile uses the old one to its end. The calibration stays the one fitted
 * on locales/: a question typed as a staff example is that topic for sure (an exact example), others
 * are weighed as before.
 */
export class LiveExamplesRecognizer implements Recognizer {
  private current: EmbeddedRecognizer;
  private extra: Example[] = [];

  constructor(
    private readonly seed: Example[],
    private readonly calibration?: Calibration,
  ) {
    this.current = new EmbeddedRecognizer(seed, calibration);
  }

  async recognize(text: string, _lng: Language): Promise<Recognition> {
    return this.current.recognizeNow(text);
  }

  /** The examples staff added, as now in use. */
  get staffExamples(): readonly Example[] {
    return this.extra;
  }

  /** Uses these staff examples (replacing the previous ones) on top of locales/; rebuilds only when they changed. */
  useStaffExamples(examples: Example[]): void {
    const key = (list: Example[]) => list.map((e) => `${e.lang}\t${e.intent}\t${e.text}`).sort().join('\n');
    if (key(examples) === key(this.extra)) return;
    this.extra = examples.map((e) => ({ ...e }));
    this.current = new EmbeddedRecognizer([...this.seed, ...this.extra], this.calibration);
  }
}
