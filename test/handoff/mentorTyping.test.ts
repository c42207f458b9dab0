import { MentorTyping, TYPING_INTERVAL_MS } from '../../src/handoff/mentorTyping';
import { createLogger } from '../../src/logger';
import type { HandoffRecord } from '../../src/domain/handoff';
import { handoffRecord } from '../support/handoffRecord';
import { RecordingMessenger } from '../support/recordingMessenger';

const active = (overrides: Partial<HandoffRecord> = {}) =>
  handoffRecord({
    status: 'active',
    mentor: { id: 'sara', firstName: 'Sara' },
    messages: [
      { at: '2026-12-06T10:16:00.000Z', from: 'person', text: 'hallo', channelMessageId: 'wamid.first' },
      { at: '2026-12-06T10:17:00.000Z', from: 'mentor', text: 'Hoi!' },
      { at: '2026-12-06T10:18:00.000Z', from: 'person', text: 'een vraag', channelMessageId: 'wamid.second' },
    ],
    ...overrides,
  });

function typingWith(records: HandoffRecord[]) {
  let clock = Date.parse('2026-12-06T10:20:00.000Z');
  const messenger = new RecordingMessenger();
  const typing = new MentorTyping({
    queue: { get: async (id) => records.find((r) => r.id === id) },
    messenger,
    now: () => new Date(clock),
    logger: createLogger('silent'),
  });
  return { typing, messenger, move: (ms: number) => (clock += ms) };
}

describe('MentorTyping', () => {
  it('sends a relayed typing activity that answers the person\u2019s last message', async () => {
    const { typing, messenger } = typingWith([active()]);
    expect(await typing.typing('h-1', 'sara')).toBe('sent');
    expect(messenger.sent).toEqual([{ conversationId: 'whatsapp:NL.31612345678', activity: { type: 'typing', channelData: { readMessageId: 'wamid.second' } }, relay: true }]);
  });

  it('sends at most one per conversation in the interval, and again after it', async () => {
    const { typing, messenger, move } = typingWith([active(), active({ id: 'h-2' })]);
    expect(await typing.typing('h-1', 'sara')).toBe('sent');
    move(TYPING_INTERVAL_MS - 1);
    expect(await typing.typing('h-1', 'sara')).toBe('throttled');
    expect(await typing.typing('h-2', 'sara')).toBe('sent'); // another conversation has its own interval
    move(1);
    expect(await typing.typing('h-1', 'sara')).toBe('sent');
    expect(messenger.sent).toHaveLength(3);
  });

  it('remembers a bounded number of conversations: the oldest is forgotten first', async () => {
    const records = Array.from({ length: 2_001 }, (_, i) => active({ id: `h-${i}` }));
    const { typing } = typingWith(records);
    for (const r of records) expect(await typing.typing(r.id, 'sara')).toBe('sent');
    expect(await typing.typing('h-2000', 'sara')).toBe('throttled');
    expect(await typing.typing('h-0', 'sara')).toBe('sent'); // forgotten, so not held back
  });

  it('sends nothing for another mentor, a waiting or closed conversation, or an unknown one', async () => {
    const { typing, messenger } = typingWith([active(), active({ id: 'h-2', status: 'waiting', mentor: undefined }), active({ id: 'h-3', status: 'closed' })]);
    expect(await typing.typing('h-1', 'omar')).toBe('not-yours');
    expect(await typing.typing('h-2', 'sara')).toBe('not-active');
    expect(await typing.typing('h-3', 'sara')).toBe('not-active');
    expect(await typing.typing('nope', 'sara')).toBe('not-found');
    expect(messenger.sent).toEqual([]);
  });

  it('has no message to answer on a channel that gave no ids (a typing activity alone)', async () => {
    const { typing, messenger } = typingWith([active({ messages: [{ at: '2026-12-06T10:16:00.000Z', from: 'person', text: 'hi' }] })]);
    expect(await typing.typing('h-1', 'sara')).toBe('sent');
    expect(messenger.sent[0].activity).toEqual({ type: 'typing' });
  });

  it('tells "failed" when the channel refuses (the mentor\u2019s message itself will say whether the person is reachable)', async () => {
    const records = [active()];
    const typing = new MentorTyping({
      queue: { get: async () => records[0] },
      messenger: { send: async () => Promise.reject(new Error('connector down')) },
      now: () => new Date(),
      logger: createLogger('silent'),
    });
    expect(await typing.typing('h-1', 'sara')).toBe('failed');
  });
});
