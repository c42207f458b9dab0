import type { Activity } from 'botbuilder';
import { FakeConnector, emulatorMessage } from '../support/fakeConnector';
import { FakeChannelIssuer } from '../support/fakeChannelIssuer';
import { FakeGraph, WhatsAppPerson, whatsAppEnv } from '../support/fakeGraph';
import { postActivity, startTestApp } from '../support/testApp';
import { startBotProcess } from '../support/botProcess';
import { loadConfig, listenHost } from '../../src/config';

/**
 * Item 1 of the security review, replayed: forged activities on /api/messages. Each test sends what
 * an attacker sent and fails if the bot acts on it again.
 */

/** A Teams channel message as Teams sends "/mentors-here" (the shape of test/channels/teamsMentors). */
function mentorsHere(serviceUrl: string): Partial<Activity> {
  return {
    type: 'message',
    id: `1732${Date.now()}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:1attacker', name: 'Admin', aadObjectId: 'b6a8f0c1-2d3e-4f50-8a6b-7c8d9e0f1a2b' },
    recipient: { id: '28:bot', name: 'VIT Wegwijzer' },
    text: '<at>VIT Wegwijzer</at> /mentors-here',
    conversation: { id: '19:abc@thread.tacv2;messageid=1', isGroup: true, conversationType: 'channel', name: '' },
    channelData: { channel: { id: '19:abc@thread.tacv2' }, tenant: { id: 't' } },
  } as Partial<Activity>;
}

describe('forged activities on /api/messages', () => {
  let connector: FakeConnector;
  let graph: FakeGraph;
  let issuer: FakeChannelIssuer;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
    graph = await new FakeGraph().start();
    issuer = await new FakeChannelIssuer().start();
  });
  afterAll(async () => {
    await connector.stop();
    await graph.stop();
    await issuer.stop();
  });

  it('never takes channelId "whatsapp" there, so nobody continues a WhatsApp person\'s conversation (no app id)', async () => {
    const { url, stop } = await startTestApp(whatsAppEnv(graph));
    try {
      const person = new WhatsAppPerson(url, graph);
      await person.say('hi', 2);
      const forged = emulatorMessage(connector.url, 'verwijder', {
        channelId: 'whatsapp',
        from: { id: person.phone, name: 'x' },
        conversation: { id: `whatsapp:${person.phone}` },
      });
      const response = await postActivity(url, forged);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: 'forbidden', message: 'WhatsApp messages come in through /api/whatsapp only' });
      // Nothing went to the attacker's serviceUrl, and the real person got nothing more.
      expect(connector.repliesIn(`whatsapp:${person.phone}`)).toEqual([]);
      expect(graph.sent()).toHaveLength(1); // the greeting with the language list
    } finally {
      await stop();
    }
  });

  it('never takes channelId "whatsapp" there even with a valid channel token', async () => {
    const { url, stop } = await startTestApp({}, { channelIssuer: issuer });
    try {
      const forged = emulatorMessage(connector.url, 'hoi', { channelId: 'whatsapp', conversation: { id: 'whatsapp:31612345678' } });
      expect((await issuer.post(url, forged)).status).toBe(403);
      expect(connector.repliesIn('whatsapp:31612345678')).toEqual([]);
    } finally {
      await stop();
    }
  });

  it.each([
    ['Teams', { channelId: 'msteams' }],
    ['Direct Line', { channelId: 'directline' }],
    ['WebChat', { channelId: 'webchat' }],
  ])('without an app id refuses %s traffic, which would pass as that channel unchecked', async (_name, overrides) => {
    const { url, stop } = await startTestApp();
    try {
      const conversation = { id: `conv-forged-${overrides.channelId}` };
      const response = await postActivity(url, emulatorMessage(connector.url, 'hoi', { ...overrides, conversation }));
      expect(response.status).toBe(403);
      expect(connector.repliesIn(conversation.id)).toEqual([]);
    } finally {
      await stop();
    }
  });

  it.each(['http://169.254.169.254/latest/', 'http://10.0.0.4:6379/', 'https://attacker.example/', 'http://localtest.me:6379/', 'ftp://127.0.0.1/', 'not a url'])(
    'without an app id calls no serviceUrl off this machine (%s)',
    async (serviceUrl) => {
      const { url, stop } = await startTestApp();
      try {
        const response = await postActivity(url, emulatorMessage(serviceUrl, 'hoi', { conversation: { id: 'conv-ssrf' } }));
        expect(response.status).toBe(403);
        expect(await response.json()).toEqual({ error: 'forbidden', message: 'without MicrosoftAppId the serviceUrl must be on this machine' });
      } finally {
        await stop();
      }
    },
  );

  it('without an app id still answers the Emulator on loopback, as the quick start promises', async () => {
    const { url, stop } = await startTestApp();
    try {
      const conversation = { id: 'conv-emulator-ok' };
      expect((await postActivity(url, emulatorMessage(connector.url, 'hoi', { conversation }))).status).toBe(200);
      await connector.waitForReplies(conversation.id, 2);
    } finally {
      await stop();
    }
  });

  it('lets no forged "/mentors-here" redirect the handoff cards: refused without an app id, 401 without a valid token', async () => {
    const open = await startTestApp({ TEAMS_SERVICE_URL: connector.url });
    const closed = await startTestApp({ TEAMS_SERVICE_URL: connector.url }, { channelIssuer: issuer });
    const otherIssuer = await new FakeChannelIssuer().start();
    try {
      const activity = mentorsHere(connector.url);
      expect((await postActivity(open.url, activity)).status).toBe(403);
      // Unsigned, signed by a key the bot does not trust, or for another bot: all 401.
      const unsigned = await fetch(`${closed.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
      expect(unsigned.status).toBe(401);
      expect((await otherIssuer.post(closed.url, activity)).status).toBe(401);
      const otherBot = await fetch(`${closed.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${issuer.token(connector.url, 'another-bot')}` },
        body: JSON.stringify(activity),
      });
      expect(otherBot.status).toBe(401);
      // A token for another serviceUrl cannot send the replies elsewhere.
      const elsewhere = await fetch(`${closed.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${issuer.token('https://attacker.example/')}` },
        body: JSON.stringify(activity),
      });
      expect(elsewhere.status).toBe(401);
      expect(connector.repliesIn(activity.conversation!.id)).toEqual([]);
      expect(connector.conversations).toEqual([]);
    } finally {
      await otherIssuer.stop();
      await open.stop();
      await closed.stop();
    }
  });

  it('answers an authentication failure without its internal text', async () => {
    const { url, stop } = await startTestApp({}, { channelIssuer: issuer });
    try {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer not.a.jwt' },
        body: JSON.stringify(emulatorMessage(connector.url, 'hoi')),
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'unauthorized' });
    } finally {
      await stop();
    }
  });
});

describe('where the bot listens without channel authentication', () => {
  const config = (env: Record<string, string>) => {
    const result = loadConfig(env);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    return result.config;
  };

  it('listens on loopback by default without an app id, on every interface with one', () => {
    expect(listenHost(config({}))).toBe('127.0.0.1');
    expect(listenHost(config({ MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: 't' }))).toBe('0.0.0.0');
  });

  it('refuses HOST beyond loopback without an app id, with one line that says what to do', () => {
    expect(loadConfig({ HOST: '0.0.0.0' })).toEqual({
      ok: false,
      problems: [
        'config: HOST=0.0.0.0 would let anyone who reaches this machine talk to the bot without authentication: set MicrosoftAppId, or HOST=127.0.0.1, or ALLOW_UNAUTHENTICATED_REMOTE=true for a test network (got "0.0.0.0")',
      ],
    });
    expect(loadConfig({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_REMOTE: 'true' }).ok).toBe(true);
  });

  it('refuses the opt-in in production', () => {
    const result = loadConfig({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_REMOTE: 'true', NODE_ENV: 'production' });
    expect(!result.ok && result.problems).toEqual([
      'config: ALLOW_UNAUTHENTICATED_REMOTE=true is refused when NODE_ENV=production: set MicrosoftAppId so channels are authenticated (got "true")',
    ]);
  });

  it('a fresh start with no settings listens on 127.0.0.1 only; HOST=0.0.0.0 without an app id does not start', async () => {
    const fresh = await startBotProcess({ HOST: '' });
    try {
      await fresh.waitForLog(/vit-bot listening/);
      expect(JSON.parse(fresh.stdout().split('\n').find((l) => l.includes('vit-bot listening'))!)).toMatchObject({ host: '127.0.0.1' });
    } finally {
      fresh.kill();
      await fresh.exited;
    }
    const open = await startBotProcess({ HOST: '0.0.0.0' });
    expect(await open.exited).toBe(1);
    expect(open.stderr()).toContain('config: HOST=0.0.0.0 would let anyone who reaches this machine talk to the bot without authentication');
    expect(open.stdout()).toBe('');
  });
});
