#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isLanguage, Language, SUPPORTED_LANGUAGES } from '../i18n/languages';
import { createTranslator } from '../i18n/translator';
import { runAssess } from './assessCommand';
import { runChat } from './chatCommand';

const USAGE = `usage: vit-bot <command> [options]

commands:
  chat [--lang xx]                  talk to the bot in the terminal (no server, no cloud)
  assess [--json] [--lang xx] FILE  assess profiles (one JSON object, or JSON Lines); FILE "-" reads stdin

languages: ${SUPPORTED_LANGUAGES.join(', ')}`;

class UsageError extends Error {}

function languageOption(value: string | undefined, fallback?: Language): Language | undefined {
  if (value === undefined) return fallback;
  if (!isLanguage(value)) throw new UsageError(`--lang must be one of ${SUPPORTED_LANGUAGES.join(', ')} (got "${value}")`);
  return value;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'chat': {
      const { values } = parseArgs({ args: rest, options: { lang: { type: 'string' } }, strict: true });
      await runChat({ language: languageOption(values.lang), input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY === true });
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
        write: (line) => process.stdout.write(`${line}\n`),
        writeError: (line) => process.stderr.write(`${line}\n`),
      });
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
