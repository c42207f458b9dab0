import { ConversationAnalysisClient } from '@azure/ai-language-conversations';
import { boundQuestion } from './boundQuestion';
import { AzureKeyCredential } from '@azure/core-auth';
import type { Language } from '../i18n/languages';
import { isFaqTopic } from '../domain/faqTopics';
import type { Logger } from '../logger';
import type { Recognition, Recognizer } from './recognizer';

/** Languages Azure CLU understands among ours; Tigrinya is not one (the embedded recognizer serves it). */
export const CLU_LANGUAGES: ReadonlySet<Language> = new Set<Language>(['nl', 'en', 'ar', 'tr', 'fa']);

export interface CluPrediction {
  topIntent: string;
  confidence: number;
}

/** The one call the bot makes to CLU; a plain REST call can stand in for the SDK. */
export interface CluClient {
  predict(text: string, lng: Language, signal: AbortSignal): Promise<CluPrediction>;
}

export interface CluSettings {
  endpoint: string;
  key: string;
  project: string;
  deployment: string;
}

/**
 * CLU through @azure/ai-language-conversations (only published as 1.0.0-beta.1, hence this
 * wrapper). Retries are off: a slow or failing CLU falls back to the embedded recognizer at once.
 */
export class SdkCluClient implements CluClient {
  private readonly client: ConversationAnalysisClient;

  constructor(private readonly settings: CluSettings) {
    this.client = new ConversationAnalysisClient(settings.endpoint, new AzureKeyCredential(settings.key), {
      apiVersion: '2023-04-01',
      retryOptions: { maxRetries: 0 },
    });
  }

  async predict(text: string, lng: Language, signal: AbortSignal): Promise<CluPrediction> {
    const response = await this.client.analyzeConversation(
      {
        kind: 'Conversation',
        analysisInput: { conversationItem: { id: '1', participantId: 'person', text, language: lng } },
        parameters: { projectName: this.settings.project, deploymentName: this.settings.deployment, stringIndexType: 'Utf16CodeUnit' },
      },
      { abortSignal: signal },
    );
    const prediction = (response as { result?: { prediction?: { topIntent?: string; intents?: Array<{ category: string; confidence: number }> } } })
      .result?.prediction;
    const top = prediction?.intents?.find((i) => i.category === prediction.topIntent);
    if (!prediction?.topIntent || typeof top?.confidence !== 'number') throw new Error('CLU answered without a top intent and its confidence');
    return { topIntent: prediction.topIntent, confidence: top.confidence };
  }
}

export interface CluRecognizerOptions {
  timeoutMs: number;
  /** Below this CLU confidence the embedded recognizer decides. */
  minConfidence: number;
}

/** Ge'ez script: Tigrinya (or Amharic) typed by someone whose chosen language is another one. */
const ETHIOPIC = /\p{Script=Ethiopic}/u;

/**
 * Azure CLU in front of the embedded recognizer: CLU's intents are the topic ids. The embedded one
 * answers when it is sure the message is a command (CLU knows no commands), on an error, a timeout,
 * an intent that is no topic or low confidence, and always for Tigrinya: chosen, or typed in Ge'ez script.
 */
export class CluRecognizer implements Recognizer {
  constructor(
    private readonly client: CluClient,
    private readonly fallback: Recognizer,
    private readonly options: CluRecognizerOptions,
    private readonly logger: Logger,
  ) {}

  async recognize(message: string, lng: Language): Promise<Recognition> {
    const text = boundQuestion(message);
    const local = await this.fallback.recognize(text, lng);
    if (local.command || !CLU_LANGUAGES.has(lng) || ETHIOPIC.test(text)) return local;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const prediction = await this.client.predict(text, lng, controller.signal);
      if (isFaqTopic(prediction.topIntent) && prediction.confidence >= this.options.minConfidence) {
        return { topic: prediction.topIntent, command: null, confidence: prediction.confidence, bestGuess: prediction.topIntent, source: 'clu' };
      }
    } catch (error) {
      const reason = controller.signal.aborted ? `no answer within ${this.options.timeoutMs} ms` : describe(error);
      this.logger.warn({ clu: reason }, 'CLU failed; the embedded recognizer answers');
    } finally {
      clearTimeout(timer);
    }
    return local;
  }
}

/** The error's status and code, never the question (it is personal data). */
function describe(error: unknown): string {
  const e = error as { statusCode?: number; code?: string; name?: string };
  return [e.statusCode, e.code, e.name].filter(Boolean).join(' ') || 'unknown error';
}
