// Administers who may sign in (issue 13 point 6): on AWS the Cognito user pool, locally a JSON
// file beside the local stack's data (there is no user pool locally).
//   npm run admin -- create-user --email a@example.org --name 张三 [--role organizer] [--org id|*]
//   npm run admin -- add-role --email a@example.org --role teller [--role …]
//   npm run admin -- grant  --email a@example.org --org org-1 [--org …]
//   npm run admin -- revoke --email a@example.org --org org-1 [--org …]
//   npm run admin -- list
//   npm run admin -- token --email a@example.org [--hours 12]        (local only)
// On AWS: --user-pool-id <id> or env ZX_USER_POOL_ID (the stack's output UserPoolId), with the
// usual AWS credentials and region. Otherwise local: $ZX_DATA_DIR/users.json (default .local/).
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { readJsonFile, writeJsonAtomic } from '../infra/local/json-file.ts';
import { type UserPoolAdmin, userPool } from '../shared/aws/user-pool.ts';
import {
  ORGS_ATTRIBUTE,
  OrgGrant,
  orgsAttribute,
  orgsOfAttribute,
  Role,
} from '../shared/principal.ts';
import { runScript, signLocalToken, TokenHours } from './token.ts';

const Email = z.email().transform((email) => email.toLowerCase());
const Name = z.string().trim().min(1).max(64);

const AdminCommand = z.discriminatedUnion('command', [
  z.strictObject({
    command: z.literal('create-user'),
    email: Email,
    name: Name,
    roles: z.array(Role),
    orgs: z.array(OrgGrant),
  }),
  z.strictObject({
    command: z.literal('add-role'),
    email: Email,
    roles: z.array(Role).min(1, { error: 'give at least one --role' }),
  }),
  z.strictObject({
    command: z.enum(['grant', 'revoke']),
    email: Email,
    orgs: z.array(OrgGrant).min(1, { error: 'give at least one --org' }),
  }),
  z.strictObject({ command: z.literal('list') }),
  z.strictObject({
    command: z.literal('token'),
    email: Email,
    hours: TokenHours,
  }),
]);
export type AdminCommand = z.infer<typeof AdminCommand>;

/** The command line as a command; options a command does not take are refused. */
export const parseAdminArgs = (argv: readonly string[]): AdminCommand => {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      org: { type: 'string', multiple: true },
      hours: { type: 'string' },
      'user-pool-id': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [command, ...extra] = positionals;
  if (extra.length > 0) throw new Error(`unexpected arguments: ${extra.join(' ')}`);
  const { role, org, hours, 'user-pool-id': _pool, ...rest } = values;
  return AdminCommand.parse({
    command,
    ...rest,
    // A command that takes roles or organizations gets its list (maybe empty); another only
    // if given, so that the schema refuses it.
    ...(role || ['create-user', 'add-role'].includes(String(command)) ? { roles: role ?? [] } : {}),
    ...(org || ['create-user', 'grant', 'revoke'].includes(String(command))
      ? { orgs: org ?? [] }
      : {}),
    ...(hours || command === 'token' ? { hours: Number(hours ?? 12) } : {}),
  });
};

/** A user as the API will see them: roles (groups) and organizations (custom:orgs). */
export interface AdminUser {
  sub: string;
  email: string;
  name: string;
  roles: Role[];
  orgs: string[];
  status: string;
}

/** Where the users are: the Cognito user pool, or the local file. */
export interface UserDirectory {
  where: string;
  /** The user, and whether this call created them (a retry does not invite twice). */
  create(email: string, name: string): Promise<{ user: AdminUser; created: boolean }>;
  addRoles(email: string, roles: readonly Role[]): Promise<AdminUser>;
  changeOrgs(email: string, change: (orgs: string[]) => string[]): Promise<AdminUser>;
  list(): Promise<AdminUser[]>;
  /** A bearer token for the user: only the local directory can sign one. */
  token?(email: string, hours: number): Promise<string>;
}

const noSuchUser = (email: string) => new Error(`no user ${email} (create-user first)`);

/** The user pool: Cognito invites by mail; groups are roles; `custom:orgs` the grants. */
export const cognitoDirectory = (pool: UserPoolAdmin, userPoolId: string): UserDirectory => {
  const describe = async (email: string): Promise<AdminUser> => {
    const user = await pool.get(email);
    if (!user) throw noSuchUser(email);
    const groups = await pool.groupsOf(email);
    return {
      sub: user.attributes.sub ?? user.username,
      email: user.email,
      name: user.name,
      roles: groups.filter((g): g is Role => Role.safeParse(g).success),
      orgs: orgsOfAttribute(user.attributes[ORGS_ATTRIBUTE]),
      status: user.status,
    };
  };
  return {
    where: `Cognito user pool ${userPoolId}`,
    async create(email, name) {
      const created = await pool.create(email, name);
      return { user: await describe(email), created: Boolean(created) };
    },
    async addRoles(email, roles) {
      if (!(await pool.get(email))) throw noSuchUser(email);
      for (const role of roles) await pool.addToGroup(email, role);
      return describe(email);
    },
    async changeOrgs(email, change) {
      const before = await describe(email);
      await pool.setAttribute(email, ORGS_ATTRIBUTE, orgsAttribute(change(before.orgs)));
      return describe(email);
    },
    async list() {
      const roles = new Map<string, Role[]>();
      for (const role of Role.options) {
        for (const name of await pool.members(role))
          roles.set(name, [...(roles.get(name) ?? []), role]);
      }
      return (await pool.list()).map((user) => ({
        sub: user.attributes.sub ?? user.username,
        email: user.email,
        name: user.name,
        roles: roles.get(user.username) ?? [],
        orgs: orgsOfAttribute(user.attributes[ORGS_ATTRIBUTE]),
        status: user.status,
      }));
    },
  };
};

const LocalUsers = z.object({
  users: z.array(
    z.object({
      sub: z.string(),
      email: z.string(),
      name: z.string(),
      roles: z.array(Role),
      orgs: z.array(z.string()),
      status: z.string(),
    }),
  ),
});

/** Locally: the users in a JSON file; their tokens signed as `npm run token` signs them. */
export const localDirectory = (dataDir: string): UserDirectory => {
  const path = join(dataDir, 'users.json');
  const read = () => LocalUsers.parse(readJsonFile(path) ?? { users: [] }).users;
  const write = (users: AdminUser[]) => {
    mkdirSync(dataDir, { recursive: true });
    writeJsonAtomic(path, { users });
  };
  const update = (email: string, edit: (user: AdminUser) => AdminUser): AdminUser => {
    const users = read();
    const index = users.findIndex((u) => u.email === email);
    const user = users[index];
    if (!user) throw noSuchUser(email);
    const changed = edit(user);
    users[index] = changed;
    write(users);
    return changed;
  };
  const find = (email: string) => read().find((u) => u.email === email);
  return {
    where: `local users ${path}`,
    async create(email, name) {
      const existing = find(email);
      if (existing) return { user: existing, created: false };
      const user: AdminUser = {
        sub: randomUUID(),
        email,
        name,
        roles: [],
        orgs: [],
        status: 'local',
      };
      write([...read(), user]);
      return { user, created: true };
    },
    async addRoles(email, roles) {
      return update(email, (u) => ({
        ...u,
        roles: Role.options.filter((r) => u.roles.includes(r) || roles.includes(r)),
      }));
    },
    async changeOrgs(email, change) {
      return update(email, (u) => ({ ...u, orgs: change(u.orgs) }));
    },
    async list() {
      return read();
    },
    async token(email, hours) {
      const user = find(email);
      if (!user) throw noSuchUser(email);
      if (user.roles.length === 0) throw new Error(`${email} has no role yet (add-role first)`);
      return signLocalToken({ sub: user.sub, roles: user.roles, orgs: user.orgs, hours });
    },
  };
};

/** The directory the environment names: a user pool id means AWS, none the local file. */
export const directoryFor = (
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): UserDirectory => {
  const { values } = parseArgs({
    args: [...argv],
    options: { 'user-pool-id': { type: 'string' } },
    allowPositionals: true,
    strict: false,
  });
  const poolId = values['user-pool-id'] ?? env.ZX_USER_POOL_ID;
  if (typeof poolId === 'string' && poolId) return cognitoDirectory(userPool(poolId), poolId);
  return localDirectory(env.ZX_DATA_DIR || '.local/');
};

const describeUser = (u: AdminUser) =>
  `${u.email}\t${u.name}\troles=${u.roles.join(',') || '-'}\torgs=${u.orgs.join(',') || '-'}\t${u.status}`;

/** Runs one command; answers the lines to print. */
export const runAdmin = async (
  command: AdminCommand,
  directory: UserDirectory,
): Promise<string[]> => {
  switch (command.command) {
    case 'create-user': {
      const { user, created } = await directory.create(command.email, command.name);
      let result = user;
      if (command.roles.length > 0) result = await directory.addRoles(user.email, command.roles);
      if (command.orgs.length > 0) {
        result = await directory.changeOrgs(user.email, (orgs) => [
          ...new Set([...orgs, ...command.orgs]),
        ]);
      }
      return [
        created
          ? `created (${directory.where})`
          : `already exists, not invited again (${directory.where})`,
        describeUser(result),
      ];
    }
    case 'add-role':
      return [describeUser(await directory.addRoles(command.email, command.roles))];
    case 'grant':
      return [
        describeUser(
          await directory.changeOrgs(command.email, (orgs) => [
            ...new Set([...orgs, ...command.orgs]),
          ]),
        ),
      ];
    case 'revoke': {
      const user = await directory.changeOrgs(command.email, (orgs) =>
        orgs.filter((org) => !command.orgs.includes(org)),
      );
      return [describeUser(user)];
    }
    case 'list':
      return (await directory.list()).map(describeUser);
    case 'token': {
      if (!directory.token) {
        throw new Error('tokens are issued by Cognito on AWS: sign in at the managed login');
      }
      return [await directory.token(command.email, command.hours)];
    }
  }
};

await runScript(
  import.meta.url,
  'admin',
  'npm run admin -- create-user|add-role|grant|revoke|list|token [--email …] [--name …] ' +
    '[--role …] [--org …] [--hours …] [--user-pool-id …]',
  (argv) => runAdmin(parseAdminArgs(argv), directoryFor(argv)),
);
