import type { FaqTopic } from '../src/domain/faqTopics';
import type { DialogDeps } from './dialogDeps';

type T = (key: string, vars?: Record<string, unknown>) => string;

/** The answer to a topic in the person's language. */
export function faqAnswer(deps: DialogDeps, t: T, topic: FaqTopic): string {
  return t(`faq:topics.${topic}.answer`, { ...deps.retention });
}
