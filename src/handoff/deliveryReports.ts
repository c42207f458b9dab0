import type { HandoffDelivery } from '../domain/handoff';

/** What became of a mentor's message a channel had accepted: it did not arrive as sent. */
export interface DeliveryReport {
  handoffId: string;
  /** The message's `at`, as recorded with the handoff. */
  at: string;
  text: string;
  /** 'template': held behind the approved template (the window had closed); 'failed': anything else. */
  delivery: HandoffDelivery;
}

/**
 * Where a channel reports what became of a mentor's message after it went out (WhatsApp's delivery
 * statuses come later, on the webhook); the handoff side listens and marks the message. The channel
 * is built before the handoff service and never knows it: the port stands between the two.
 */
export interface DeliveryReports {
  /** Resolves once every listener has recorded the report; rejects with a listener's failure. */
  report(report: DeliveryReport): Promise<void>;
}

export type DeliveryReportListener = (report: DeliveryReport) => Promise<void>;

/**
 * Within one process: a status reaches exactly one instance (the one Meta called), and that
 * instance's handoff service records it in the shared queue, so nothing needs to cross instances here.
 */
export class DeliveryReportBus implements DeliveryReports {
  private readonly listeners = new Set<DeliveryReportListener>();

  /** Starts listening; returns the function that stops it. */
  subscribe(listener: DeliveryReportListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async report(report: DeliveryReport): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener(report)));
  }
}
