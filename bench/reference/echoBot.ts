import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import { addBenchRoutes, exitOnSignal } from './memoryMetrics';

/**
 * The stock Bot Framework echo bot, as in Microsoft's echo sample: CloudAdapter over
 * ConfigurationBotFrameworkAuthentication, an ActivityHandler that echoes. The load benchmark's
 * yardstick for what the SDK costs on its own. Run by bench/loadBench.ts with PORT and HOST set.
 * ECHO_REPLIES=2 makes it send each reply twice, as two activities one after the other (the sample
 * otherwise unchanged): the shape of the bot's turns on the Emulator (an answer, then the menu), so
 * the cost of a second reply through the SDK shows on its own.
 */
const REPLIES = Math.max(1, Number(process.env.ECHO_REPLIES ?? 1));

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const replyText = `Echo: ${context.activity.text}`;
      for (let i = 0; i < REPLIES; i++) await context.sendActivity(MessageFactory.text(replyText, replyText));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const welcomeText = 'Hello and welcome!';
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) for (let i = 0; i < REPLIES; i++) await context.sendActivity(MessageFactory.text(welcomeText, welcomeText));
      }
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
  process.stderr.write(`[onTurnError] unhandled error: ${error.message}\n`);
  await context.sendActivity('The bot encountered an error or bug.');
};
const myBot = new EchoBot();

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => myBot.run(context));
});
addBenchRoutes(server);
exitOnSignal(server);
server.listen(Number(process.env.PORT ?? 3978), process.env.HOST ?? '127.0.0.1');
