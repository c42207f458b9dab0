import { assessEligibility } from '../domain/eligibility';
import { parseProfile } from '../domain/profile';
import type { RouteLinks } from '../domain/routeLinks';
import { describeAssessment } from '../i18n/describeAssessment';
import type { Language } from '../i18n/languages';
import type { Translator } from '../i18n/translator';

export interface AssessOptions {
  json: boolean;
  language: Language;
  translator: Translator;
  /** The routes' web addresses (ROUTE_LINKS), printed after each route's first step. */
  links?: RouteLinks;
  write: (line: string) => void;
  writeError: (line: string) => void;
}

/** One profile's result as the CLI prints it with --json. */
export interface AssessLine {
  outcome: string;
  flags: string[];
  reasons: string[];
  routes: string[];
  rulesVersion: number;
}

/**
 * `vit-bot assess`: input is one JSON profile object (possibly spread over lines) or JSON Lines.
 * Prints one result per profile, in input order; an invalid profile gets a readable error on stderr
 * naming its line, and the others are still assessed. With --json an invalid profile also takes its
 * place on stdout as {"line","error"}, so output line N always belongs to input profile N. Returns
 * the exit code.
 */
export function runAssess(input: string, options: AssessOptions): number {
  const entries = splitProfiles(input);
  if (entries.length === 0) {
    options.writeError('assess: no profile in the input');
    return 1;
  }
  let failed = false;
  const refuse = (line: number, problem: string) => {
    failed = true;
    options.writeError(`line ${line}: ${problem}`);
    if (options.json) options.write(JSON.stringify({ line, error: problem }));
  };
  for (const entry of entries) {
    let value: unknown;
    try {
      value = JSON.parse(entry.text);
    } catch (error) {
      refuse(entry.line, `not valid JSON (${(error as Error).message})`);
      continue;
    }
    const parsed = parseProfile(value);
    if (!parsed.ok) {
      refuse(entry.line, parsed.problems.join('; '));
      continue;
    }
    const assessment = assessEligibility(parsed.profile);
    const text = describeAssessment(assessment, options.translator, options.language, { links: options.links });
    const line: AssessLine = {
      outcome: assessment.outcome,
      flags: assessment.flags,
      reasons: text.reasons,
      routes: assessment.routes,
      rulesVersion: assessment.rulesVersion,
    };
    if (options.json) {
      options.write(JSON.stringify(line));
    } else {
      options.write(`line ${entry.line}: ${line.outcome}${line.flags.length ? ` [${line.flags.join(', ')}]` : ''}`);
      for (const reason of line.reasons) options.write(`  - ${reason}`);
      options.write(`  ${text.nextStep}`);
      for (const [i, route] of text.routes.entries()) options.write(`  * ${route}: ${text.firstSteps[i]}${text.links[i] ? ` ${text.links[i]}` : ''}`);
    }
  }
  return failed ? 1 : 0;
}

/**
 * The whole input as one object when it is one spread over lines (a lone "{" on the first line says
 * so, also when the object is broken: then it is one bad profile, not a bad line per line), else one
 * entry per non-empty line.
 */
function splitProfiles(input: string): Array<{ line: number; text: string }> {
  const trimmed = input.trim();
  if (trimmed.startsWith('{') && trimmed.includes('\n')) {
    try {
      const whole = JSON.parse(trimmed);
      if (whole && typeof whole === 'object' && !Array.isArray(whole)) return [{ line: 1, text: trimmed }];
    } catch {
      if (trimmed.split('\n')[0].trim() === '{') return [{ line: 1, text: trimmed }];
    }
  }
  return input
    .split('\n')
    .map((text, i) => ({ line: i + 1, text: text.trim() }))
    .filter((e) => e.text !== '');
}
