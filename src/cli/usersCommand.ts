import { parseArgs } from 'node:util';
import { ROLES } from '../accounts/accountStore';
import { AccountError, AccountService, Actor, Invitation } from '../accounts/accountService';
import { MAX_CAPACITY } from '../domain/mentorStatus';
import { isLanguage, Language, SUPPORTED_LANGUAGES } from '../i18n/languages';

export interface UsersIo {
  /** The same service the console's accounts page uses: same rules, same audit log. */
  service: AccountService;
  /** Who runs the command, for the audit log ("cli:<os user>"). */
  actor: Actor;
  /** CONSOLE_PUBLIC_URL's origin, to print a whole set-password link; without it the path is printed. */
  consoleOrigin?: string;
  readPassword: () => Promise<string>;
  write: (line: string) => void;
  writeError: (line: string) => void;
}

export const USERS_USAGE = `usage:
  vit-bot users add NAME --role mentor|staff|admin [--first-name NAME] [--languages ar,tr] [--capacity N] [--password-stdin]
  vit-bot users list
  vit-bot users disable NAME | enable NAME
  vit-bot users set-role NAME mentor|staff|admin | set-languages NAME ar,tr
  vit-bot users reset-password NAME [--password-stdin]
  vit-bot users link-teams NAME AAD_OBJECT_ID | unlink-teams NAME
  vit-bot users capacity NAME N|none
Without --password-stdin, add and reset-password print a one-time set-password link (valid 72 hours)
to pass on; reset-password also forgets the second factor. A password has at least 12 characters and
is not a common one. link-teams lets the account's Teams user (its Microsoft Entra object id) take
conversations in Teams. list shows: name, role, first name, languages, active or disabled, linked
Teams user (or -), second factor (2fa or -), password set (or invited), capacity (or -). capacity sets
how many conversations the mentor may have at once (1 to ${MAX_CAPACITY}); none removes the cap
(add --capacity sets it at once).`;

/** A Microsoft Entra object id: a GUID. */
const AAD_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `vit-bot users …`: console accounts, over the AccountService. Returns the exit code. */
export async function runUsers(args: string[], io: UsersIo): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      role: { type: 'string' },
      'first-name': { type: 'string' },
      languages: { type: 'string' },
      capacity: { type: 'string' },
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
  const link = (invitation: Invitation) => `${io.consoleOrigin ?? ''}${invitation.path}`;
  const readPassword = async () => (await io.readPassword()).replace(/\r?\n$/, '');
  const languagesOf = (text: string): Language[] | string => {
    const languages = text.split(',').map((l) => l.trim()).filter(Boolean);
    const unknown = languages.filter((l) => !isLanguage(l));
    return unknown.length > 0 ? `languages are ${SUPPORTED_LANGUAGES.join(', ')} (not ${unknown.join(', ')})` : (languages as Language[]);
  };

  try {
    switch (action) {
      case 'add': {
        if (!name) return fail('a user name is needed');
        if (!ROLES.includes(values.role as (typeof ROLES)[number])) return fail(`--role must be one of ${ROLES.join(', ')}`);
        const languages = languagesOf(values.languages ?? '');
        if (typeof languages === 'string') return fail(`--${languages}`);
        const capacity = values.capacity === undefined || values.capacity === 'none' ? undefined : Number(values.capacity);
        if (capacity !== undefined && !(Number.isInteger(capacity) && capacity >= 1 && capacity <= MAX_CAPACITY)) return fail(`--capacity is a whole number from 1 to ${MAX_CAPACITY}, or none`);
        const input = { username: name, firstName: values['first-name'], role: values.role!, languages, capacity };
        if (values['password-stdin']) {
          await io.service.createWithPassword(io.actor, input, await readPassword());
          io.write(`added ${name} (${values.role})`);
        } else {
          const { invitation } = await io.service.invite(io.actor, input);
          io.write(`added ${name} (${values.role}); set-password link, valid until ${invitation.expiresAt}: ${link(invitation)}`);
        }
        return 0;
      }
      case 'list': {
        for (const a of await io.service.list()) {
          io.write(
            [a.username, a.role, a.firstName, a.languages.join(',') || '-', a.disabled ? 'disabled' : 'active', a.teamsAadObjectId ?? '-', a.totpSecret ? '2fa' : '-', a.passwordHash ? 'password' : 'invited', a.capacity ?? '-'].join('\t'),
          );
        }
        return 0;
      }
      case 'disable':
      case 'enable': {
        const account = await io.service.byUsername(name ?? '');
        await io.service.setDisabled(io.actor, account.id, action === 'disable');
        io.write(`${action}d ${account.username}`);
        return 0;
      }
      case 'set-role': {
        const account = await io.service.byUsername(name ?? '');
        await io.service.change(io.actor, account.id, { role: positionals[1] ?? '' });
        io.write(`${account.username} is now ${positionals[1]}`);
        return 0;
      }
      case 'set-languages': {
        const account = await io.service.byUsername(name ?? '');
        const languages = languagesOf(positionals[1] ?? '');
        if (typeof languages === 'string') return fail(languages);
        await io.service.change(io.actor, account.id, { languages });
        io.write(`${account.username} speaks ${languages.join(',') || '-'}`);
        return 0;
      }
      case 'reset-password': {
        const account = await io.service.byUsername(name ?? '');
        if (values['password-stdin']) {
          await io.service.setPassword(io.actor, account.id, await readPassword());
          io.write(`password of ${account.username} changed`);
        } else {
          const { invitation } = await io.service.reset(io.actor, account.id);
          io.write(`reset ${account.username}; set-password link, valid until ${invitation.expiresAt}: ${link(invitation)}`);
        }
        return 0;
      }
      case 'link-teams': {
        const account = await io.service.byUsername(name ?? '');
        const aadObjectId = positionals[1];
        if (!aadObjectId || !AAD_OBJECT_ID.test(aadObjectId)) {
          return fail('give the Teams user\'s Microsoft Entra object id, a GUID like 00000000-0000-0000-0000-000000000000');
        }
        const linked = await io.service.linkTeams(io.actor, account.id, aadObjectId);
        io.write(`linked ${account.username} to Teams user ${linked.teamsAadObjectId}`);
        return 0;
      }
      case 'unlink-teams': {
        const account = await io.service.byUsername(name ?? '');
        await io.service.unlinkTeams(io.actor, account.id);
        io.write(`unlinked ${account.username} from Teams`);
        return 0;
      }
      case 'capacity': {
        const account = await io.service.byUsername(name ?? '');
        const given = positionals[1];
        const capacity = given === 'none' ? undefined : Number(given);
        if (given === undefined || (capacity !== undefined && !(Number.isInteger(capacity) && capacity >= 1 && capacity <= MAX_CAPACITY))) {
          return fail(`give a whole number from 1 to ${MAX_CAPACITY}, or none for no cap`);
        }
        await io.service.setCapacity(io.actor, account.id, capacity);
        io.write(capacity === undefined ? `${account.username} has no cap` : `${account.username} may have ${capacity} conversations at once`);
        return 0;
      }
      default:
        io.writeError(USERS_USAGE);
        return 2;
    }
  } catch (error) {
    if (error instanceof AccountError) return fail(error.message);
    throw error;
  }
}
