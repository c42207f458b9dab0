#!/usr/bin/env node
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isLanguage, Language, SUPPORTED_LANGUAGES } from '../i18n/languages';
import { createTranslator } from '../i18n/translator';
import { runAssess } from './assessCommand';
import { parseRouteLinks, RouteLinks } from '../domain/routeLinks';
import { runChat } from './chatCommand';
import { runFaqBatch, runFaqQuestion } from './faqCommand';
import { retentionDays } from '../bot/createBot';
import { loadConfig, Config } from '../config';
import { createLogger, createPseudonymizer } from '../logger';
import { buildApp } from '../app';
import { runErase, runTranscriptsExport } from './recordsCommands';
import pino from 'pino';
import { createRecognizer } from '../nlu/createFaqRecognizer';
import { buildCluProject } from '../nlu/cluProject';
import { collectExamples } from '../nlu/trainingExamples';
import { readLocaleResources } from '../i18n/localeResources';
import { PROJECT_ROOT } from '../projectRoot';
import path from 'node:path';
import { createCommandLineRedisClient } from '../storage/redisClient';
import { runUsers } from './usersCommand';
import { RedisAccountStore } from '../accounts/accountStore';
import { createAccountService } from '../console/createConsole';
import { RedisSessionStore } from '../console/sessionStore';
import { userInfo } from 'node:os';
import { runFaqExport, runFaqImport } from './faqContentCommand';
import { FaqAnswerEditor } from '../storage/faqAnswerEditor';
import { RedisFaqAnswerStore } from '../storage/redisFaqAnswerStore';
import { RedisAuditLog } from '../people/auditLog';
import { withEditedAnswers } from '../i18n/editedAnswers';
import { migrateKeyNames } from '../storage/keyMigration';
import { idDigestFor } from '../storage/idDigest';

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => (data += chunk));
    process.stdin.on('end', () => resolve(data));
    process.stdin.on('error', reject);
  });
}

const USAGE = `usage: vit-bot <command> [options]

commands:
  chat [--lang xx]                  talk to the bot in the terminal (no server, no cloud)
  assess [--json] [--lang xx] FILE  assess profiles (one JSON object, or JSON Lines); FILE "-" reads stdin
  faq [--lang xx] [--json] "question"   answer a question about working in IT
  faq --batch FILE                  JSON Lines {"text","lang"} in, {"topic","confidence"} out; FILE "-" reads stdin
  faq export [FILE]                 the FAQ answers staff edited, as JSON (needs REDIS_URL)
  faq import FILE                   takes them in from such a file, all or nothing (needs REDIS_URL)
  clu-export [--project NAME] [FILE]    the FAQ examples as an Azure CLU project to import (stdout without FILE)
  users add|list|disable|enable|set-role|set-languages|reset-password|link-teams|unlink-teams …   console accounts (kept in Redis: needs REDIS_URL)
  transcripts export --since DATE [--until DATE]   kept conversations as JSON Lines, people as pseudonyms (needs REDIS_URL)
  erase CHANNEL:USER_ID             erase everything held on a person, as their own "delete my data" (needs REDIS_URL)
  migrate-keys [--batch N] [--lease-seconds N]   move Redis keys from names holding ids to digest names, as every start does (needs REDIS_URL)

languages: ${SUPPORTED_LANGUAGES.join(', ')}`;

class UsageError extends Error {}

function languageOption(value: string | undefined, fallback?: Language): Language | undefined {
  if (value === undefined) return fallback;
  if (!isLanguage(value)) throw new UsageError(`--lang must be one of ${SUPPORTED_LANGUAGES.join(', ')} (got "${value}")`);
  return value;
}

/** A whole-number option from 1 to `max`, or `fallback` when not given. */
function wholeOption(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${name} must be a whole number from 1 to ${max} (got "${value}")`);
  return n;
}

/** The same configuration the server reads (CLU settings, retention, default language), checked the same way. */
function configForCli(): Config {
  const result = loadConfig(process.env);
  if (!result.ok) throw new Error(`the configuration has problems:\n${result.problems.join('\n')}`);
  return result.config;
}

/** The routes' web addresses (ROUTE_LINKS), checked as the server checks them; the rest of the configuration is not needed here. */
function routeLinksForCli(): RouteLinks {
  const parsed = parseRouteLinks(process.env.ROUTE_LINKS ?? '');
  if (!parsed.ok) throw new Error(`the configuration has problems:\nconfig: ROUTE_LINKS: ${parsed.problem}`);
  return parsed.links;
}

/** `faq export [FILE]` and `faq import FILE`: the answers staff edited, between installations (kept in Redis). */
async function runFaqContent(command: 'export' | 'import', args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
  if (command === 'import' && positionals.length !== 1) throw new UsageError('faq import needs one FILE (or - for stdin)');
  if (positionals.length > 1) throw new UsageError('faq export takes at most one FILE');
  const config = configForCli();
  if (!config.REDIS_URL) throw new Error(`faq ${command} works on the shared Redis: set REDIS_URL (without it the answers live in the memory of the running bot)`);
  // Read before connecting: a file that is not there stops here.
  const input = command === 'import' ? readFileSync(positionals[0] === '-' ? 0 : positionals[0], 'utf8') : '';
  const redis = createCommandLineRedisClient({ url: config.REDIS_URL, cluster: config.REDIS_CLUSTER });
  try {
    const editor = new FaqAnswerEditor({
      store: new RedisFaqAnswerStore(redis, config.REDIS_KEY_PREFIX),
      resources: readLocaleResources(path.join(PROJECT_ROOT, 'locales')),
      vars: { ...retentionDays(config) },
      now: () => new Date(),
    });
    const writeError = (line: string) => process.stderr.write(`${line}\n`);
    if (command === 'export') {
      const write = (text: string) => (positionals[0] ? writeFileSync(positionals[0], text) : process.stdout.write(text));
      return await runFaqExport({ editor, write, writeError });
    }
    return await runFaqImport(input, {
      editor,
      audit: new RedisAuditLog(redis, config.REDIS_KEY_PREFIX),
      announce: async () => void (await redis.publish(`${config.REDIS_KEY_PREFIX}faq-answers`, 'changed')),
      actor: `cli:${userInfo().username}`,
      write: (text) => process.stdout.write(text),
      writeError,
    });
  } finally {
    redis.disconnect();
  }
}

/** The texts, with the FAQ answers staff edited when there is a shared Redis (as the bot answers). */
async function translatorWithEditedAnswers(config: Config) {
  const translator = createTranslator();
  if (!config.REDIS_URL) return translator;
  const redis = createCommandLineRedisClient({ url: config.REDIS_URL, cluster: config.REDIS_CLUSTER }, true);
  try {
    const edited = new Map((await new RedisFaqAnswerStore(redis, config.REDIS_KEY_PREFIX).list()).flatMap((r) => (r.text === null ? [] : [[`${r.topic}/${r.lang}`, r.text] as const])));
    return withEditedAnswers(translator, { text: (topic, lang) => edited.get(`${topic}/${lang}`) });
  } catch (error) {
    process.stderr.write(`vit-bot: could not read the edited FAQ answers (${(error as Error).message}); answering with the texts in locales/\n`);
    return translator;
  } finally {
    redis.disconnect();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'chat': {
      const { values } = parseArgs({ args: rest, options: { lang: { type: 'string' } }, strict: true });
      await runChat({
        config: { ...configForCli(), REDIS_URL: undefined }, // the terminal chat keeps everything in memory
        language: languageOption(values.lang),
        input: process.stdin,
        output: process.stdout,
        interactive: process.stdin.isTTY === true,
      });
      return 0;
    }
    case 'assess': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { json: { type: 'boolean', default: false }, lang: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      });
      if (positionals.length !== 1) throw new UsageError('assess needs one FILE (or - for stdin)');
      const input = readFileSync(positionals[0] === '-' ? 0 : positionals[0], 'utf8');
      return runAssess(input, {
        // Piped output is for programs: JSON unless a person at a terminal asked for text.
        json: values.json || process.stdout.isTTY !== true,
        language: languageOption(values.lang, 'en')!,
        translator: createTranslator(),
        links: routeLinksForCli(),
        write: (line) => process.stdout.write(`${line}\n`),
        writeError: (line) => process.stderr.write(`${line}\n`),
      });
    }
    case 'faq': {
      if (rest[0] === 'export' || rest[0] === 'import') return runFaqContent(rest[0], rest.slice(1));
      const { values, positionals } = parseArgs({
        args: rest,
        options: { json: { type: 'boolean', default: false }, lang: { type: 'string' }, batch: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      });
      const config = configForCli();
      const recognizer = createRecognizer(config, createLogger('warn', pino.destination(2)));
      const write = (line: string) => process.stdout.write(`${line}\n`);
      const writeError = (line: string) => process.stderr.write(`${line}\n`);
      if (values.batch !== undefined) {
        if (positionals.length > 0) throw new UsageError('faq --batch takes no question');
        return runFaqBatch(readFileSync(values.batch === '-' ? 0 : values.batch, 'utf8'), { recognizer, write, writeError });
      }
      if (positionals.length !== 1) throw new UsageError('faq needs one question (in quotes), or --batch FILE');
      const language = languageOption(values.lang, config.DEFAULT_LANGUAGE)!;
      return runFaqQuestion(positionals[0], values.json, {
        recognizer,
        translator: await translatorWithEditedAnswers(config),
        language,
        retention: retentionDays(config),
        write,
        writeError,
      });
    }
    case 'clu-export': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { project: { type: 'string', default: 'vit-faq' } },
        allowPositionals: true,
        strict: true,
      });
      const project = buildCluProject(collectExamples(readLocaleResources(path.join(PROJECT_ROOT, 'locales'))), values.project);
      const json = `${JSON.stringify(project, null, 2)}\n`;
      if (positionals[0]) writeFileSync(positionals[0], json);
      else process.stdout.write(json);
      return 0;
    }
    case 'users': {
      const config = configForCli();
      if (!config.REDIS_URL) {
        throw new Error('users are kept in Redis: set REDIS_URL. To try the console without Redis, start the bot with CONSOLE_ADMIN_USERNAME and CONSOLE_ADMIN_PASSWORD.');
      }
      const redis = createCommandLineRedisClient({ url: config.REDIS_URL, cluster: config.REDIS_CLUSTER });
      try {
        const sessionSeconds = config.CONSOLE_SESSION_HOURS * 3600;
        const service = createAccountService(
          config,
          {
            accounts: new RedisAccountStore(redis, config.REDIS_KEY_PREFIX, idDigestFor(config)),
            sessions: new RedisSessionStore(redis, config.REDIS_KEY_PREFIX, sessionSeconds),
            audit: new RedisAuditLog(redis, config.REDIS_KEY_PREFIX),
          },
          redis,
        );
        return await runUsers(rest, {
          service,
          actor: { username: `cli:${userInfo().username}`, role: 'cli' },
          consoleOrigin: config.CONSOLE_PUBLIC_URL?.replace(/\/console$/, ''),
          readPassword: () => readStdin(),
          write: (line) => process.stdout.write(`${line}\n`),
          writeError: (line) => process.stderr.write(`${line}\n`),
        });
      } finally {
        redis.disconnect();
      }
    }
    case 'transcripts':
    case 'erase': {
      const config = configForCli();
      if (!config.REDIS_URL) throw new Error(`${command} works on the shared Redis: set REDIS_URL (without it everything lives in the memory of the running bot)`);
      const logger = createLogger('error', pino.destination(2));
      const app = buildApp(config, { logger });
      try {
        const io = {
          app,
          pseudonym: createPseudonymizer(config.LOG_PSEUDONYM_SECRET),
          write: (line: string) => process.stdout.write(`${line}\n`),
          writeError: (line: string) => process.stderr.write(`${line}\n`),
        };
        return command === 'erase' ? await runErase(rest, io) : await runTranscriptsExport(rest, io);
      } finally {
        await app.close();
      }
    }
    case 'migrate-keys': {
      const { values } = parseArgs({ args: rest, options: { batch: { type: 'string' }, 'lease-seconds': { type: 'string' } }, strict: true });
      const batch = wholeOption('--batch', values.batch, 500, 10_000);
      const leaseSeconds = wholeOption('--lease-seconds', values['lease-seconds'], 30, 3600);
      const config = configForCli();
      if (!config.REDIS_URL) throw new Error('migrate-keys works on the shared Redis: set REDIS_URL');
      const redis = createCommandLineRedisClient({ url: config.REDIS_URL, cluster: config.REDIS_CLUSTER });
      try {
        const logger = createLogger(config.LOG_LEVEL, pino.destination(2));
        const result = await migrateKeyNames({ redis, prefix: config.REDIS_KEY_PREFIX, digest: idDigestFor(config), logger, batch, leaseMs: leaseSeconds * 1000 });
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return 0;
      } finally {
        redis.disconnect();
      }
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error & { code?: string }) => {
    const usage = error instanceof UsageError || error.code?.startsWith('ERR_PARSE_ARGS');
    const fileMissing = error.code === 'ENOENT' || error.code === 'EISDIR';
    process.stderr.write(`vit-bot: ${error.message}\n${usage ? `\n${USAGE}\n` : ''}`);
    process.exitCode = usage ? 2 : fileMissing ? 1 : 1;
  },
);
