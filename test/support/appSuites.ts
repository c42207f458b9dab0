import { FakeConnector } from './fakeConnector';
import { FakeGraph, whatsAppEnv } from './fakeGraph';
import { startTestApp } from './testApp';

type StartedApp = Awaited<ReturnType<typeof startTestApp>>;

export interface WhatsAppSuite {
  readonly graph: FakeGraph;
  readonly app: StartedApp;
}

export interface EmulatorSuite {
  readonly connector: FakeConnector;
  readonly app: StartedApp;
}

/** Registers the start and stop of one describe block: once around all its tests, or around each (`perTest`). */
function around(perTest: boolean, start: () => Promise<void>, stop: () => Promise<void>): void {
  (perTest ? beforeEach : beforeAll)(start);
  (perTest ? afterEach : afterAll)(stop);
}

/**
 * The app with its WhatsApp channel on a fake Graph API, for the tests of one describe block: started
 * before them and stopped after, or a fresh one for each test (`perTest`). The WhatsApp twin of
 * browserWithConnector().
 */
export function appOnWhatsApp(env: Record<string, string> = {}, { perTest = false } = {}): WhatsAppSuite {
  const suite = {} as { graph: FakeGraph; app: StartedApp };
  around(
    perTest,
    async () => {
      suite.graph = await new FakeGraph().start();
      suite.app = await startTestApp(whatsAppEnv(suite.graph, env));
    },
    async () => {
      await suite.app?.stop();
      await suite.graph?.stop();
    },
  );
  return suite;
}

/** The app over the Emulator protocol, its replies at a fake Bot Connector, for the tests of one describe block. */
export function appOnEmulator(env: Record<string, string> = {}, { perTest = false } = {}): EmulatorSuite {
  const suite = {} as { connector: FakeConnector; app: StartedApp };
  around(
    perTest,
    async () => {
      suite.connector = await new FakeConnector().start();
      suite.app = await startTestApp(env);
    },
    async () => {
      await suite.app?.stop();
      await suite.connector?.stop();
    },
  );
  return suite;
}
