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
  private written = 0;

  /** How many turns were abandoned at their write since the gate closed. */
  get abandoned(): number {
    return this.count;
  }

  /** Turns running now that are past their write (they only deliver): not abandoned if the process ends. */
  get runningPastWrite(): number {
    return this.written;
  }

  /** A turn is past its write until `done()`. */
  pastWrite(): { done(): void } {
    this.written++;
    let open = true;
    return {
      done: () => {
        if (open) this.written--;
        open = false;
      },
    };
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
