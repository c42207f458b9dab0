import { FakeGraph, whatsAppEnv } from './fakeGraph';
import { startTestApp } from './testApp';

export interface WhatsAppSuite {
  readonly graph: FakeGraph;
  readonly app: Awaited<ReturnType<typeof startTestApp>>;
}

/**
 * The app with its WhatsApp channel on a fake Graph API, shared by the tests of one describe block:
 * started before them, stopped after (the WhatsApp twin of browserWithConnector()).
 */
export function appOnWhatsApp(env: Record<string, string> = {}): WhatsAppSuite {
  const suite = {} as { graph: FakeGraph; app: WhatsAppSuite['app'] };
  beforeAll(async () => {
    suite.graph = await new FakeGraph().start();
    suite.app = await startTestApp(whatsAppEnv(suite.graph, env));
  });
  afterAll(async () => {
    await suite.app?.stop();
    await suite.graph?.stop();
  });
  return suite;
}
