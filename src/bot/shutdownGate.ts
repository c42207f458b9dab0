/** A turn stopped before its write because the process is shutting down; it left nothing behind. */
export class TurnAbandonedError extends Error {
  constructor() {
    super('ConditionalTurn.run(): the process is shutting down; the turn was abandoned before its write');
    this.name = 'TurnAbandonedError';
  }
}

/**
 * Decides, at the one write of each turn, whether the turn may still write: once shutdown's grace
 * period has passed, turns that have not written are abandoned there (the channel or the WhatsApp
 * inbox delivers their message again to an instance that runs); turns that have written are left to
 * finish, as their replies are saved and delivered by whoever comes next if this process ends first.
 */
export class ShutdownGate {
  private closed = false;
  private count = 0;

  /** How many turns were abandoned at their write since the gate closed. */
  get abandoned(): number {
    return this.count;
  }

  /** Throws TurnAbandonedError once the gate is closed. */
  pass(): void {
    if (!this.closed) return;
    this.count++;
    throw new TurnAbandonedError();
  }

  close(): void {
    this.closed = true;
  }
}
