import type { HandoffRecord } from '../../src/domain/handoff';

/** A waiting WhatsApp handoff of Amina (Arabic), for tests of what mentors are shown; `overrides` replace whole fields. */
export function handoffRecord(overrides: Partial<HandoffRecord> = {}): HandoffRecord {
  return {
    id: 'h-1',
    person: { channelId: 'whatsapp', userId: 'NL.31612345678', firstName: 'Amina' },
    conversation: { channelId: 'whatsapp', conversation: { id: 'whatsapp:NL.31612345678' }, user: { id: 'NL.31612345678' }, bot: { id: 'bot' }, serviceUrl: '' },
    language: 'ar',
    reason: 'asked',
    status: 'waiting',
    createdAt: '2026-12-06T10:15:30.123Z',
    messages: [],
    seq: 1,
    ...overrides,
  } as HandoffRecord;
}
