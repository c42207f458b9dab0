import type { HandoffRecord } from '../../domain/handoff';
import type { Language } from '../../i18n/languages';
import type { Translator } from '../../i18n/translator';
import { escapeCardMarkdown } from './cardMarkdown';

/** The verb of the Accept button (Action.Execute), and of its Action.Submit fallback's data. */
export const ACCEPT_VERB = 'accept';

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string; body: unknown[] };
type Fact = { title: string; value: string };

/** The intake answers a card shows: levels, schooling, experience, hours. Not the free text, the municipality or the status. */
const CARD_INTAKE_FIELDS = ['dutchLevel', 'englishLevel', 'education', 'itExperience', 'hoursPerWeek'] as const;

/**
 * Texts for one language. Labels mentors also see in the console (reasons, outcomes, intake answers,
 * channels) come from the console's own texts, so both places use the same words.
 */
export class MentorTexts {
  constructor(
    private readonly translator: Translator,
    readonly language: Language,
  ) {}

  t(key: string, vars?: Record<string, unknown>): string {
    return this.translator.t(this.language, `mentorTeams:${key}`, vars);
  }

  /** A label from another namespace, or `fallback` when there is none (a value added later). */
  label(key: string, fallback: string, vars?: Record<string, unknown>): string {
    try {
      return this.translator.t(this.language, key, vars);
    } catch {
      return fallback;
    }
  }

  personName(handoff: HandoffRecord): string {
    return handoff.person.firstName?.trim() || this.label('console:person.unnamed', 'Person');
  }

  /** The person's name for a card: a name is the newcomer's own text, so its Markdown is escaped. */
  cardName(handoff: HandoffRecord): string {
    return escapeCardMarkdown(this.personName(handoff));
  }

  languageName(language: Language): string {
    return this.label(`language:names.${language}`, language);
  }

  /** What is known about the person, as the console shows mentors (card facts: the name is escaped). */
  facts(handoff: HandoffRecord): Fact[] {
    const facts: Fact[] = [
      { title: this.t('facts.name'), value: this.cardName(handoff) },
      { title: this.t('facts.language'), value: this.languageName(handoff.language) },
      { title: this.t('facts.channel'), value: this.label(`console:channels.${handoff.person.channelId}`, handoff.person.channelId) },
      { title: this.t('facts.reason'), value: this.label(`console:reasons.${handoff.reason}`, handoff.reason) },
    ];
    if (handoff.outcome) facts.push({ title: this.t('facts.outcome'), value: this.label(`console:outcomes.${handoff.outcome}`, handoff.outcome) });
    return facts;
  }

  /** The intake summary; empty when the person did not do the intake. */
  intakeFacts(handoff: HandoffRecord): Fact[] {
    const intake = handoff.intake as { answers?: Record<string, unknown>; estimated?: unknown; completed?: boolean } | undefined;
    const answers = intake?.answers;
    if (!answers || typeof answers !== 'object') return [];
    const estimated = new Set(Array.isArray(intake.estimated) ? (intake.estimated as string[]) : []);
    const facts = CARD_INTAKE_FIELDS.filter((field) => answers[field] !== undefined).map((field) => ({
      title: this.label(`console:intake.fields.${field}`, field),
      value: this.intakeValue(field, answers[field], estimated.has(field)),
    }));
    if (intake.completed === false) facts.push({ title: this.t('facts.intake'), value: this.label('console:intake.notFinished', 'not finished') });
    return facts;
  }

  /** An intake answer for a card: our own words for known values; a raw value is the newcomer's, so escaped. */
  private intakeValue(field: (typeof CARD_INTAKE_FIELDS)[number], value: unknown, isEstimated: boolean): string {
    if (value === null || value === '') return this.label('console:intake.skipped', '-');
    const raw = escapeCardMarkdown(String(value));
    switch (field) {
      case 'dutchLevel':
      case 'englishLevel': {
        const level = String(value).toLowerCase() === 'none' ? this.label('console:intake.levelNone', 'none') : raw.toUpperCase();
        return isEstimated ? `${level} (${this.label('console:intake.estimated', 'estimated')})` : level;
      }
      case 'hoursPerWeek':
        return this.label('console:intake.hours', raw, { hours: raw });
      default:
        return this.label(`console:intake.${field}.${String(value)}`, raw);
    }
  }

  /** One line about where the handoff stands now (a card's TextBlock: the mentor's name is escaped too). */
  status(handoff: HandoffRecord): string {
    const mentor = escapeCardMarkdown(handoff.mentor?.firstName ?? '');
    switch (handoff.status) {
      case 'waiting':
        return this.t('card.waiting');
      case 'active':
        return this.t('card.taken', { mentor });
      case 'closed':
        return mentor ? this.t('card.closedBy', { mentor }) : this.t('card.closed');
      case 'abandoned':
        return this.t('card.left');
    }
  }
}

/**
 * The handoff as an Adaptive Card (version 1.5, for Universal Actions). While the person waits it has
 * an Accept button: Action.Execute (Teams answers with the adaptiveCard/action invoke), falling back to
 * Action.Submit on clients without Universal Actions (a message whose value carries the same data).
 */
export function handoffCard(handoff: HandoffRecord, texts: MentorTexts, options: { accept?: boolean; notice?: string } = {}): AdaptiveCard {
  const intake = texts.intakeFacts(handoff);
  const body: unknown[] = [
    ...(options.notice ? [{ type: 'TextBlock', text: options.notice, wrap: true, weight: 'Bolder', color: 'Attention' }] : []),
    { type: 'TextBlock', text: texts.t('card.title'), wrap: true, weight: 'Bolder', size: 'Medium' },
    { type: 'TextBlock', text: texts.status(handoff), wrap: true, spacing: 'Small', color: handoff.status === 'waiting' ? 'Accent' : 'Default', isSubtle: handoff.status !== 'waiting' },
    // DATE() and TIME() work in a TextBlock (not in a FactSet): each reader sees their own time zone.
    { type: 'TextBlock', text: texts.t('card.since', { since: adaptiveDateTime(handoff.createdAt) }), wrap: true, spacing: 'Small', isSubtle: true },
    { type: 'FactSet', facts: texts.facts(handoff) },
  ];
  if (intake.length > 0) {
    body.push({ type: 'TextBlock', text: texts.label('console:intake.title', 'Intake'), wrap: true, weight: 'Bolder', spacing: 'Medium' });
    body.push({ type: 'FactSet', facts: intake });
  }
  const accept = (options.accept ?? true) && handoff.status === 'waiting';
  const data = { handoffId: handoff.id };
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(accept
      ? {
          actions: [
            {
              type: 'Action.Execute',
              title: texts.t('card.accept'),
              verb: ACCEPT_VERB,
              data,
              style: 'positive',
              fallback: { type: 'Action.Submit', title: texts.t('card.accept'), data: { ...data, verb: ACCEPT_VERB } },
            },
          ],
        }
      : {}),
  };
}

/** A card with one message (not linked, not allowed): the answer to an Accept that cannot be done. */
export function noticeCard(text: string): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body: [{ type: 'TextBlock', text, wrap: true }] };
}

/** The card of a handoff whose person had their data erased: nothing about them is left. */
export function erasedCard(texts: MentorTexts): AdaptiveCard {
  return noticeCard(texts.t('card.erased'));
}

/** Adaptive Cards' DATE/TIME functions: each reader sees the moment in their own time zone and format. */
export function adaptiveDateTime(iso: string): string {
  const plain = new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${plain}, SHORT)}} {{TIME(${plain})}}`;
}
