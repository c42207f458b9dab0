import type { FunnelStep, StatsStore } from './statsStore';
import type { Logger } from '../logger';

/** Records a step of the funnel for a language, now. Losing a count never breaks a conversation. */
export interface FunnelRecorder {
  record(step: FunnelStep, language: string): Promise<void>;
  waited(seconds: number, language: string): Promise<void>;
  rated(rating: number, language: string): Promise<void>;
}

export class Funnel implements FunnelRecorder {
  constructor(
    private readonly stats: StatsStore,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(step: FunnelStep, language: string) {
    await this.safely(() => this.stats.count(step, language, this.now()));
  }

  async waited(seconds: number, language: string) {
    await this.safely(() => this.stats.waited(seconds, language, this.now()));
  }

  async rated(rating: number, language: string) {
    await this.safely(async () => {
      await this.stats.count('rated', language, this.now());
      await this.stats.rating(rating, language, this.now());
    });
  }

  private async safely(work: () => Promise<void>) {
    try {
      await work();
    } catch (error) {
      this.logger.warn({ err: { message: (error as Error).message } }, 'could not record a number for the funnel');
    }
  }
}
