import { createLiveRecognizer } from '../../src/nlu/createFaqRecognizer';

describe('LiveExamplesRecognizer (the embedded recognizer with the examples staff added)', () => {
  const recognizer = createLiveRecognizer();
  const question = 'where can i buy a cheap bicycle';

  it('answers a question typed as a staff example with its topic, and forgets it when the example goes', async () => {
    expect((await recognizer.recognize(question, 'en')).topic).toBeNull();
    recognizer.useStaffExamples([{ intent: 'other-help', text: question, lang: 'en' }]);
    expect(await recognizer.recognize('Where can I buy a cheap bicycle?', 'en')).toMatchObject({ topic: 'other-help', confidence: 1 });
    expect(recognizer.staffExamples).toEqual([{ intent: 'other-help', text: question, lang: 'en' }]);
    recognizer.useStaffExamples([]);
    expect((await recognizer.recognize(question, 'en')).topic).toBeNull();
  });

  it('still answers the questions of locales/ as before', async () => {
    recognizer.useStaffExamples([{ intent: 'other-help', text: question, lang: 'en' }]);
    expect((await recognizer.recognize('do I need my own laptop?', 'en')).topic).toBe('equipment');
    recognizer.useStaffExamples([]);
  });
});
