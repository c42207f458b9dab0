import { FakeGraph, WhatsAppPerson, whatsAppEnv } from '../support/fakeGraph';
import { FakeConnector } from '../support/fakeConnector';
import { FakeChannelIssuer } from '../support/fakeChannelIssuer';
import { startTestApp } from '../support/testApp';
import { cardButtons, TeamsPerson } from '../support/teamsPerson';
import { tr } from '../support/intakeScript';
import { repeatedSentences } from '../support/repeatedSentences';
import { translator } from '../support/chatDriver';
import type { Language } from '../../src/i18n/languages';

/** The route link both apps are started with (ROUTE_LINKS): the result of the intake below shows it. */
const VIT_LINK = 'https://vit.example.org/aanmelden';

/** One message as the person's phone shows it: its text and whether it has choices to tap. */
interface Message {
  text: string;
  choices: boolean;
}

/** A newcomer on a channel: says something and gets the messages of that turn, once the turn has ended. */
interface Person {
  say(text: string): Promise<Message[]>;
}

/** The typed answers that take a newcomer from the menu through the intake to the result (eligible). */
function intakeAnswers(lng: Language): string[] {
  const skip = translator().list(lng, 'commands:skip')[0];
  return [
    tr(lng, 'common:menu.intake'),
    skip, // first name
    tr(lng, 'intake:fields.residenceStatus.options.statushouder'),
    skip, // municipality
    'B1',
    'A2',
    tr(lng, 'intake:fields.education.options.secondary'),
    tr(lng, 'common:buttons.no'), // IT education
    tr(lng, 'intake:fields.itExperience.options.hobby'),
    tr(lng, 'common:buttons.yes'), // wants IT work
    skip, // motivation
  ];
}

/** Every turn of a whole conversation, checked: at most two messages, the choices (if any) in the last, no sentence twice. */
async function checkedTurn(person: Person, text: string): Promise<Message[]> {
  const messages = await person.say(text);
  expect(messages.length).toBeGreaterThan(0);
  expect(messages.length).toBeLessThanOrEqual(2);
  expect(messages.slice(0, -1).every((m) => !m.choices)).toBe(true);
  expect(repeatedSentences(messages.map((m) => m.text))).toEqual([]);
  return messages;
}

function behavesOnAPhone(channel: string, meet: () => Promise<{ person: (lng: Language) => Person; stop: () => Promise<void> }>) {
  describe(`messages per turn on ${channel}`, () => {
    let world: Awaited<ReturnType<typeof meet>>;
    beforeAll(async () => {
      world = await meet();
    });
    afterAll(async () => {
      await world.stop();
    });

    it.each(['en', 'ar', 'ti'] as Language[])('%s: choosing the language is one message with the consent question and its choices', async (lng) => {
      const person = world.person(lng);
      await checkedTurn(person, 'hi');
      const messages = await checkedTurn(person, tr(lng, `language:names.${lng}`));
      const all = messages.map((m) => m.text).join('\n');
      expect(all).toContain(tr(lng, 'language:changed'));
      expect(all).toContain(tr(lng, 'consent:short'));
      expect(messages.at(-1)).toEqual({ text: expect.stringContaining(tr(lng, 'consent:question')), choices: true });
    });

    it('"stop" at the consent question is a "no, thanks" with the menu, not the consent notice again', async () => {
      const person = world.person('nl');
      await checkedTurn(person, 'hallo');
      await checkedTurn(person, 'Nederlands');
      const messages = await checkedTurn(person, 'stop');
      const all = messages.map((m) => m.text).join('\n');
      expect(all).not.toContain(tr('nl', 'consent:short'));
      expect(all).toContain(tr('nl', 'consent:declined'));
      expect(messages.at(-1)).toEqual({ text: expect.stringContaining(tr('nl', 'common:menu.prompt')), choices: true });
    });

    it.each(['en', 'fa', 'tr'] as Language[])('%s: the intake, the result and asking for a mentor take at most two messages a turn', async (lng) => {
      const person = world.person(lng);
      await checkedTurn(person, 'hi');
      await checkedTurn(person, tr(lng, `language:names.${lng}`));
      await checkedTurn(person, tr(lng, 'consent:agree'));
      for (const answer of intakeAnswers(lng)) await checkedTurn(person, answer);
      const result = await checkedTurn(person, '40');
      const all = result.map((m) => m.text).join('\n');
      expect(all).toContain(tr(lng, 'eligibility:routesTitle'));
      // The one route (VIT) has its address configured (ROUTE_LINKS): shown after its first step, no mentor line for addresses.
      expect(all).toContain(`${tr(lng, 'eligibility:routeSteps.vit')}\n  ${tr(lng, 'eligibility:routeLink', { url: VIT_LINK })}`);
      expect(all).not.toContain(tr(lng, 'eligibility:routeContact'));
      expect(result.at(-1)).toEqual({ text: expect.stringContaining(tr(lng, 'eligibility:mentorOffer')), choices: true });

      const mentor = await checkedTurn(person, tr(lng, 'common:buttons.yes'));
      expect(mentor).toHaveLength(1);
      // Others in this file may be in line before them.
      expect([1, 2, 3].some((place) => mentor[0].text.includes(tr(lng, 'handoff:requested', { place })))).toBe(true);
      expect(mentor[0].text).toContain(tr(lng, 'handoff:howToWait'));
    });
  });
}

behavesOnAPhone('WhatsApp (signed webhooks, fake Graph API)', async () => {
  const graph = await new FakeGraph().start();
  const app = await startTestApp({ ...whatsAppEnv(graph), ROUTE_LINKS: `vit=${VIT_LINK}` });
  return {
    person: () => {
      const someone = new WhatsAppPerson(app.url, graph);
      return {
        say: async (text) =>
          (await someone.say(text)).map((m) => ({ text: m.text?.body ?? m.interactive?.body?.text ?? '', choices: m.type === 'interactive' })),
      };
    },
    stop: async () => {
      await app.stop();
      await graph.stop();
    },
  };
});

behavesOnAPhone('Teams (Bot Connector, fake connector)', async () => {
  const connector = await new FakeConnector().start();
  const issuer = await new FakeChannelIssuer().start();
  const app = await startTestApp({ ROUTE_LINKS: `vit=${VIT_LINK}` }, { channelIssuer: issuer });
  const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-US', ar: 'ar-SA', fa: 'fa-IR', ti: 'ti-ER', tr: 'tr-TR' };
  return {
    person: (lng) => {
      const someone = new TeamsPerson(app.url, connector, locales[lng]);
      return {
        // The Bot Connector's request ends with the turn: its replies have all been posted by then.
        say: async (text) => {
          const before = someone.replies().length;
          await someone.types(text);
          return someone.replies().slice(before).map((r) => ({ text: (r.text ?? '').replace(/\n\n/g, '\n'), choices: cardButtons(r).length > 0 }));
        },
      };
    },
    stop: async () => {
      await app.stop();
      await connector.stop();
      await issuer.stop();
    },
  };
});
