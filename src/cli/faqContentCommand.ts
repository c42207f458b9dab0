import { FaqAnswerEditor, FaqImportError } from '../storage/faqAnswerEditor';
import type { AuditLog } from '../people/auditLog';

export interface FaqContentIo {
  editor: FaqAnswerEditor;
  audit: AuditLog;
  /** Tells running bots to read the answers again (Redis pub/sub). */
  announce: () => Promise<void>;
  /** Who runs the command, as the history and the audit log name them. */
  actor: string;
  write: (text: string) => void;
  writeError: (line: string) => void;
}

/** `vit-bot faq export`: the answers staff edited, as JSON (to a file or stdout). */
export async function runFaqExport(io: Pick<FaqContentIo, 'editor' | 'write' | 'writeError'>): Promise<number> {
  const file = await io.editor.exportAll();
  io.write(`${JSON.stringify(file, null, 2)}\n`);
  io.writeError(`exported ${file.answers.length} edited answer(s)`);
  return 0;
}

/**
 * `vit-bot faq import FILE`: checks the whole file, then writes all its answers at once; a file with
 * any problem writes nothing and exits 1 with every problem listed.
 */
export async function runFaqImport(text: string, io: FaqContentIo): Promise<number> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    io.writeError(`faq import: the file is not JSON (${(error as Error).message}); nothing was changed`);
    return 1;
  }
  try {
    const written = await io.editor.importAll(raw, io.actor);
    await io.audit.record({ at: new Date().toISOString(), actor: io.actor, role: 'cli', action: 'import-faq-answers', target: `${written.length} answer(s)` });
    await io.announce();
    io.writeError(`imported ${written.length} answer(s); running bots use them now`);
    return 0;
  } catch (error) {
    if (!(error instanceof FaqImportError)) throw error;
    io.writeError(`faq import: ${error.message}`);
    return 1;
  }
}
