import type { Redis } from 'ioredis';
import type { HomeworkDefinition } from '../domain/homework';

/** Staff's homework per track (no personal data: the assignment, a link, the days allowed, who changed it last). */
export interface HomeworkStore {
  get(track: string): Promise<HomeworkDefinition | undefined>;
  list(): Promise<HomeworkDefinition[]>;
  put(def: HomeworkDefinition): Promise<void>;
  remove(track: string): Promise<void>;
}

const byTrack = (a: HomeworkDefinition, b: HomeworkDefinition) => a.track.localeCompare(b.track);

export class MemoryHomeworkStore implements HomeworkStore {
  private readonly defs = new Map<string, HomeworkDefinition>();

  async get(track: string) {
    const def = this.defs.get(track);
    return def && structuredClone(def);
  }

  async list() {
    return [...this.defs.values()].map((d) => structuredClone(d)).sort(byTrack);
  }

  async put(def: HomeworkDefinition) {
    this.defs.set(def.track, structuredClone(def));
  }

  async remove(track: string) {
    this.defs.delete(track);
  }
}

/** One hash, p:homework: a field per track (a route name such as "eligible"), the definition as JSON. */
export class RedisHomeworkStore implements HomeworkStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key = () => `${this.prefix}homework`;

  async get(track: string) {
    const raw = await this.redis.hget(this.key(), track);
    return raw ? (JSON.parse(raw) as HomeworkDefinition) : undefined;
  }

  async list() {
    const all = await this.redis.hgetall(this.key());
    return Object.values(all)
      .map((raw) => JSON.parse(raw) as HomeworkDefinition)
      .sort(byTrack);
  }

  async put(def: HomeworkDefinition) {
    await this.redis.hset(this.key(), def.track, JSON.stringify(def));
  }

  async remove(track: string) {
    await this.redis.hdel(this.key(), track);
  }
}
