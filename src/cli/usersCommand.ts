import { parseArgs } from 'node:util';
import type { AccountStore, Role } from '../accounts/accountStore';
import { AccountExistsError, ROLES } from '../accounts/accountStore';
import type { SessionStore } from '../console/sessionStore';
import { generatePassword, hashPassword, passwordProblem } from '../console/passwords';
import { isLanguage, Language, SUPPORTED_LANGUAGES } from '../i18n/languages';
import { MAX_CAPACITY } from '../domain/mentorStatus';

export interface UsersIo {
  accounts: AccountStore;
  sessions: SessionStore;
  readPassword: () => Promise<string>;
  write: (line: string) => void;
  writeError: (line: string) => void;
}

export const USERS_USAGE = `usage:
  vit-bot users add NAME --role mentor|staff|admin [--first-name NAME] [--languages ar,tr] [--password-stdin]
  vit-bot users list
  vit-bot users disable NAME | enable NAME
  vit-bot users reset-password NAME [--password-stdin]
  vit-bot users link-teams NAME AAD_OBJECT_ID | unlink-teams NAME
  vit-bot users capacity NAME N|none
Without --password-stdin a strong password is made up and printed once.
link-teams lets the account's Teams user (its Microsoft Entra object id) take conversations in Teams.
capacity sets how many conversations the mentor may have at once (1 to ${MAX_CAPACITY}); none removes the cap.
list shows: name, role, first name, languages, active or disabled, linked Teams user (or -), capacity (or -).`;

/** A Microsoft Entra object id: a GUID. */
const AAD_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `vit-bot users …`: console accounts. Returns the exit code. */
export async function runUsers(args: string[], io: UsersIo): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      role: { type: 'string' },
      'first-name': { type: 'string' },
      languages: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const name = positionals[0];
  const fail = (message: string) => {
    io.writeError(`users ${action ?? ''}: ${message}`.replace(/\s+:/, ':'));
    return 1;
  };
  const password = async (): Promise<{ value: string; made: boolean } | string> => {
    if (!values['password-stdin']) return { value: generatePassword(), made: true };
    const value = (await io.readPassword()).replace(/\r?\n$/, '');
    return passwordProblem(value) ?? { value, made: false };
  };

  switch (action) {
    case 'add': {
      if (!name) return fail('a user name is needed');
      if (!/^[A-Za-z0-9._-]{2,40}$/.test(name)) return fail('a user name is 2 to 40 letters, digits, ".", "_" or "-"');
      if (!ROLES.includes(values.role as Role)) return fail(`--role must be one of ${ROLES.join(', ')}`);
      const languages = (values.languages ?? '').split(',').map((l) => l.trim()).filter(Boolean);
      const unknown = languages.filter((l) => !isLanguage(l));
      if (unknown.length > 0) return fail(`--languages takes ${SUPPORTED_LANGUAGES.join(', ')} (not ${unknown.join(', ')})`);
      const pw = await password();
      if (typeof pw === 'string') return fail(pw);
      try {
        await io.accounts.create(
          {
            username: name,
            firstName: values['first-name'] ?? name,
            role: values.role as Role,
            languages: languages as Language[],
            passwordHash: await hashPassword(pw.value),
            disabled: false,
          },
          new Date(),
        );
      } catch (error) {
        if (error instanceof AccountExistsError) return fail(error.message);
        throw error;
      }
      io.write(pw.made ? `added ${name} (${values.role}); password: ${pw.value}` : `added ${name} (${values.role})`);
      return 0;
    }
    case 'list': {
      for (const a of await io.accounts.list()) {
        io.write([a.username, a.role, a.firstName, a.languages.join(',') || '-', a.disabled ? 'disabled' : 'active', a.teamsAadObjectId ?? '-', a.capacity ?? '-'].join('\t'));
      }
      return 0;
    }
    case 'disable':
    case 'enable': {
      const account = name ? await io.accounts.byUsername(name) : undefined;
      if (!account) return fail(`no account "${name ?? ''}"`);
      await io.accounts.update(account.id, { disabled: action === 'disable' });
      if (action === 'disable') await io.sessions.deleteForAccount(account.id);
      io.write(`${action}d ${account.username}`);
      return 0;
    }
    case 'reset-password': {
      const account = name ? await io.accounts.byUsername(name) : undefined;
      if (!account) return fail(`no account "${name ?? ''}"`);
      const pw = await password();
      if (typeof pw === 'string') return fail(pw);
      await io.accounts.update(account.id, { passwordHash: await hashPassword(pw.value) });
      await io.sessions.deleteForAccount(account.id);
      io.write(pw.made ? `new password for ${account.username}: ${pw.value}` : `password of ${account.username} changed`);
      return 0;
    }
    case 'link-teams': {
      const account = name ? await io.accounts.byUsername(name) : undefined;
      if (!account) return fail(`no account "${name ?? ''}"`);
      const aadObjectId = positionals[1];
      if (!aadObjectId || !AAD_OBJECT_ID.test(aadObjectId)) {
        return fail('give the Teams user\'s Microsoft Entra object id, a GUID like 00000000-0000-0000-0000-000000000000');
      }
      const linked = await io.accounts.linkTeams(account.id, aadObjectId);
      if (linked === 'taken') {
        const holder = await io.accounts.byTeamsAadObjectId(aadObjectId);
        return fail(`this Teams user is already linked to ${holder?.username ?? 'another account'}; unlink it there first`);
      }
      if (!linked) return fail(`no account "${name}"`);
      io.write(`linked ${account.username} to Teams user ${linked.teamsAadObjectId}`);
      return 0;
    }
    case 'unlink-teams': {
      const account = name ? await io.accounts.byUsername(name) : undefined;
      if (!account) return fail(`no account "${name ?? ''}"`);
      if (!account.teamsAadObjectId) return fail(`${account.username} is not linked to Teams`);
      await io.accounts.unlinkTeams(account.id);
      io.write(`unlinked ${account.username} from Teams`);
      return 0;
    }
    case 'capacity': {
      const account = name ? await io.accounts.byUsername(name) : undefined;
      if (!account) return fail(`no account "${name ?? ''}"`);
      const given = positionals[1];
      const capacity = given === 'none' ? undefined : Number(given);
      if (capacity !== undefined && !(Number.isInteger(capacity) && capacity >= 1 && capacity <= MAX_CAPACITY)) {
        return fail(`give a whole number from 1 to ${MAX_CAPACITY}, or none for no cap`);
      }
      await io.accounts.update(account.id, { capacity });
      io.write(capacity === undefined ? `${account.username} has no cap` : `${account.username} may have ${capacity} conversations at once`);
      return 0;
    }
    default:
      io.writeError(USERS_USAGE);
      return 2;
  }
}
