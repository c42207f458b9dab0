import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { QuestionForStaff, UnansweredRecorder } from '../../dialogs/dialogDeps';
import { hasConsent, PersonRecord } from '../domain/person';
import { maskPersonalText } from '../domain/maskPersonalText';
import { boundQuestion } from '../nlu/boundQuestion';
import { authorDigest, UnansweredQuestions } from '../people/unansweredQuestions';
import type { Logger, Pseudonymizer } from '../logger';

/**
 * Keeps a question for staff: cut as the recognizer reads it, e-mail addresses, numbers and introduced
 * names masked, the author only as a keyed digest. Only for people who consented to their chat being
 * kept; a failure to keep it never fails the person's turn.
 */
export class StoreUnansweredRecorder implements UnansweredRecorder {
  constructor(
    private readonly deps: {
      store: UnansweredQuestions;
      person: StatePropertyAccessor<PersonRecord>;
      pseudonym: Pseudonymizer;
      logger: Logger;
      now: () => Date;
    },
  ) {}

  async record(context: TurnContext, question: QuestionForStaff): Promise<void> {
    const person = await this.deps.person.get(context, {});
    const author = authorDigest(this.deps.pseudonym, context.activity.channelId, context.activity.from?.id ?? '');
    if (!hasConsent(person) || !author || !context.activity.from?.id) return;
    const text = maskPersonalText(boundQuestion(question.text)).trim();
    if (!text) return;
    try {
      await this.deps.store.add({
        text,
        lang: question.lng,
        at: this.deps.now().toISOString(),
        reason: question.reason,
        guess: { intent: question.guess, confidence: question.confidence },
        author,
      });
    } catch (error) {
      this.deps.logger.warn({ err: { message: (error as Error).message } }, 'could not keep an unanswered question for staff');
    }
  }
}
