import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/projectRoot';

/** The Markdown of the project a reader follows links through (dependencies' own files excluded). */
function documents(): string[] {
  const found = ['README.md'];
  const walk = (dir: string) => {
    for (const name of readdirSync(path.join(PROJECT_ROOT, dir))) {
      const relative = path.join(dir, name);
      if (statSync(path.join(PROJECT_ROOT, relative)).isDirectory()) walk(relative);
      else if (name.endsWith('.md')) found.push(relative);
    }
  };
  for (const dir of ['docs', 'bench', 'deploy', 'dialogs']) walk(dir);
  return found;
}

/** Text outside fenced code blocks: a `[x](y)` or `# x` inside one is code, not a link or a heading. */
function prose(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```[^\n]*$/gm, '');
}

/**
 * The anchors GitHub gives a document's headings: lower case, punctuation other than "-" and "_"
 * dropped, spaces as "-", a repeated heading numbered. (github-slugger does this too, but ships only as
 * an ES module, which the tests' CommonJS cannot load.)
 */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const text = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Relative link targets (`path`, `path#anchor`, `#anchor`); web addresses are not this test's business. */
function relativeLinks(markdown: string): string[] {
  const text = prose(markdown);
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map(([, target]) => target).filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** What is wrong with each relative link of `file`: a missing file, or an anchor no heading gives. */
function brokenLinks(file: string): string[] {
  const problems: string[] = [];
  for (const link of relativeLinks(readFileSync(path.join(PROJECT_ROOT, file), 'utf8'))) {
    const [target, anchor] = link.split('#', 2);
    const resolved = target === '' ? path.join(PROJECT_ROOT, file) : path.resolve(PROJECT_ROOT, path.dirname(file), decodeURI(target));
    if (!existsSync(resolved)) {
      problems.push(`${file}: ${link} (no such file)`);
      continue;
    }
    if (anchor === undefined) continue;
    if (!resolved.endsWith('.md')) problems.push(`${file}: ${link} (an anchor into a file that is not Markdown)`);
    else if (!headingAnchors(readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor))) problems.push(`${file}: ${link} (no such heading)`);
  }
  return problems;
}

describe('links between the documents', () => {
  it('gives headings the anchors GitHub gives them', () => {
    const anchors = headingAnchors('# VIT Wegwijzer\n## Questions about IT (FAQ)\n## `npm run bench:kill`\n## Notes\n## Notes\n```sh\n# a comment\n```\n');
    expect([...anchors]).toEqual(['vit-wegwijzer', 'questions-about-it-faq', 'npm-run-benchkill', 'notes', 'notes-1']);
  });

  it('finds relative links outside code and leaves web addresses alone', () => {
    const links = relativeLinks('See [ops](docs/operations.md#security), [`.env.example`](.env.example), [here](#top) and [Meta](https://developers.facebook.com).\n```\n[not](a-link.md)\n```\n');
    expect(links).toEqual(['docs/operations.md#security', '.env.example', '#top']);
  });

  it('reads the README, docs/, bench/README.md and the deploy and dialogs notes', () => {
    const files = documents();
    for (const file of ['README.md', 'docs/architecture.md', 'docs/configuration.md', 'bench/README.md', 'deploy/README.md', 'dialogs/README.md']) expect(files).toContain(file);
  });

  it.each(documents())('%s links only to files and headings that exist', (file) => {
    expect(brokenLinks(file)).toEqual([]);
  });
});
