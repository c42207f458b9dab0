import type { Redis } from 'ioredis';
import type { FaqTopic } from '../domain/faqTopics';
import type { Language } from '../domain/language';
import { AnswerChange, AnswerVersion, answerField, FaqAnswerStore, HISTORY_CAP, NextAnswer, StoredAnswer, WriteResult } from './faqAnswerStore';

/**
 * Writes records in the order given (ARGV: change, cap, then field and record without its version for
 * each; KEYS: the records' hash, then each record's history list in the same order). With an expected
 * version (ARGV[3] for a single write, '' for none) a record changed meanwhile stops the write: {0, version}.
 */
const WRITE = `
local change, cap, expected = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local n = (#ARGV - 3) / 2
for i = 1, n do
  local field = ARGV[2 + 2 * i]
  local current = redis.call('HGET', KEYS[1], field)
  local version = 0
  if current then version = cjson.decode(current).version end
  if expected ~= '' and version ~= tonumber(expected) then return {0, version} end
end
local written = {}
for i = 1, n do
  local field, record = ARGV[2 + 2 * i], cjson.decode(ARGV[3 + 2 * i])
  local current = redis.call('HGET', KEYS[1], field)
  local version, previous = 0, cjson.null
  if current then
    local old = cjson.decode(current)
    version, previous = old.version, old.text
  end
  record.version = version + 1
  redis.call('HSET', KEYS[1], field, cjson.encode(record))
  redis.call('LPUSH', KEYS[1 + i], cjson.encode({ version = record.version, change = change, by = record.changedBy, at = record.changedAt, text = record.text, previous = previous }))
  redis.call('LTRIM', KEYS[1 + i], 0, cap - 1)
  written[i] = record.version
end
return {1, unpack(written)}
`;

/**
 * The staff-edited answers in Redis: one hash of records and one capped list of changes per topic and
 * language, all under the hash tag {faq-answers}, so one script writes a record and its history
 * together (and an import writes everything at once).
 */
export class RedisFaqAnswerStore implements FaqAnswerStore {
  private readonly recordsKey: string;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.recordsKey = `${prefix}{faq-answers}:records`;
  }

  private historyKey(topic: string, lang: string) {
    return `${this.prefix}{faq-answers}:history:${answerField(topic, lang)}`;
  }

  async list() {
    return Object.values(await this.redis.hgetall(this.recordsKey)).map((raw) => JSON.parse(raw) as StoredAnswer);
  }

  async get(topic: FaqTopic, lang: Language) {
    const raw = await this.redis.hget(this.recordsKey, answerField(topic, lang));
    return raw ? (JSON.parse(raw) as StoredAnswer) : undefined;
  }

  async history(topic: FaqTopic, lang: Language) {
    return (await this.redis.lrange(this.historyKey(topic, lang), 0, HISTORY_CAP - 1)).map((raw) => JSON.parse(raw) as AnswerVersion);
  }

  async write(next: NextAnswer, change: AnswerChange, expected: number): Promise<WriteResult> {
    const [ok, version] = await this.run([next], change, String(expected));
    return ok === 1 ? { ok: true, answer: { ...next, version } } : { ok: false, version };
  }

  async writeAll(next: NextAnswer[], change: AnswerChange) {
    if (next.length === 0) return [];
    const [, ...versions] = await this.run(next, change, '');
    return next.map((n, i) => ({ ...n, version: versions[i] }));
  }

  private async run(next: NextAnswer[], change: AnswerChange, expected: string): Promise<number[]> {
    const keys = [this.recordsKey, ...next.map((n) => this.historyKey(n.topic, n.lang))];
    const args = [change, String(HISTORY_CAP), expected, ...next.flatMap((n) => [answerField(n.topic, n.lang), JSON.stringify(n)])];
    return (await this.redis.eval(WRITE, keys.length, ...keys, ...args)) as number[];
  }
}
