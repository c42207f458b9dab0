import http from 'node:http';
import restify from 'restify';
import { addBenchRoutes, exitOnSignal } from './memoryMetrics';

/**
 * The floor for the load benchmark: the same HTTP round trip as a bot, without any bot. Receives
 * the activity, posts one reply to the serviceUrl over a keep-alive connection, then answers 200.
 * Run by bench/loadBench.ts with PORT and HOST set.
 */
interface IncomingActivity {
  id: string;
  text?: string;
  channelId: string;
  serviceUrl: string;
  conversation: { id: string };
  from: { id: string };
  recipient: { id: string };
}

const agent = new http.Agent({ keepAlive: true });

function postReply(activity: IncomingActivity): Promise<void> {
  const body = JSON.stringify({
    type: 'message',
    text: `Echo: ${activity.text ?? ''}`,
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    conversation: activity.conversation,
    from: activity.recipient,
    recipient: activity.from,
    replyToId: activity.id,
  });
  const url = new URL(`${activity.serviceUrl}/v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${encodeURIComponent(activity.id)}`);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => ((res.statusCode ?? 500) < 300 ? resolve() : reject(new Error(`reply answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const server = restify.createServer({ name: 'bare', handleUncaughtExceptions: false });
server.use(restify.plugins.jsonBodyParser({ mapParams: false }));
server.post('/api/messages', async (req, res) => {
  try {
    await postReply(req.body as IncomingActivity);
    res.status(200);
  } catch {
    res.status(502);
  }
  res.end();
});
addBenchRoutes(server);
exitOnSignal(server);
server.listen(Number(process.env.PORT ?? 3978), process.env.HOST ?? '127.0.0.1');
