// Proves `npm run admin`: the command line as a checked command; locally (no user pool) users,
// roles and organization grants kept in $ZX_DATA_DIR/users.json and a token printed that the
// API accepts; on AWS the same commands as Cognito calls (a fake pool records them): invite by
// mail, groups as roles, `custom:orgs` as grants — and a retry never invites twice.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cognitoDirectory,
  directoryFor,
  localDirectory,
  parseAdminArgs,
  runAdmin,
} from '../../../scripts/admin.ts';
import { type CognitoSend, userPool } from '../../../shared/aws/user-pool.ts';
import { authenticate } from '../../../shared/http/auth.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'zx-admin-test-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const run = (dir: string, ...argv: string[]) => runAdmin(parseAdminArgs(argv), localDirectory(dir));

describe('parseAdminArgs', () => {
  it('reads each command with repeated roles and organizations', () => {
    expect(
      parseAdminArgs([
        'create-user',
        '--email',
        'Li@Example.org',
        '--name',
        '李明',
        '--role',
        'organizer',
        '--org',
        'org-1',
        '--org',
        'org-2',
      ]),
    ).toEqual({
      command: 'create-user',
      email: 'li@example.org',
      name: '李明',
      roles: ['organizer'],
      orgs: ['org-1', 'org-2'],
    });
    expect(parseAdminArgs(['revoke', '--email', 'a@b.org', '--org', '*'])).toEqual({
      command: 'revoke',
      email: 'a@b.org',
      orgs: ['*'],
    });
    expect(parseAdminArgs(['token', '--email', 'a@b.org'])).toMatchObject({ hours: 12 });
    expect(parseAdminArgs(['list', '--user-pool-id', 'eu-west-1_abc'])).toEqual({
      command: 'list',
    });
  });

  it('refuses unknown commands and roles, bad addresses, comma org ids, options a command does not take', () => {
    expect(() => parseAdminArgs(['delete-all'])).toThrow();
    expect(() => parseAdminArgs([])).toThrow();
    expect(() => parseAdminArgs(['add-role', '--email', 'a@b.org', '--role', 'boss'])).toThrow();
    expect(() => parseAdminArgs(['add-role', '--email', 'a@b.org'])).toThrow(/--role/);
    expect(() => parseAdminArgs(['create-user', '--email', 'nobody', '--name', 'x'])).toThrow();
    expect(() => parseAdminArgs(['grant', '--email', 'a@b.org', '--org', 'a,b'])).toThrow(/comma/);
    expect(() => parseAdminArgs(['list', '--email', 'a@b.org'])).toThrow();
    expect(() => parseAdminArgs(['list', '--admin'])).toThrow();
  });
});

describe('locally', () => {
  it('creates a user once, adds roles, grants and revokes organizations, lists them', async () => {
    const dir = tempDir();
    const created = await run(dir, 'create-user', '--email', 'li@example.org', '--name', '李明');
    expect(created[0]).toMatch(/^created \(local users .*users\.json\)$/);
    const again = await run(dir, 'create-user', '--email', 'li@example.org', '--name', '李明');
    expect(again[0]).toMatch(/already exists, not invited again/);
    await run(dir, 'add-role', '--email', 'li@example.org', '--role', 'teller');
    await run(dir, 'add-role', '--email', 'li@example.org', '--role', 'organizer');
    await run(dir, 'grant', '--email', 'li@example.org', '--org', 'org-1', '--org', 'org-2');
    await run(dir, 'grant', '--email', 'li@example.org', '--org', 'org-1');
    const [line] = await run(dir, 'revoke', '--email', 'li@example.org', '--org', 'org-1');
    expect(line).toBe('li@example.org\t李明\troles=organizer,teller\torgs=org-2\tlocal');
    expect(await run(dir, 'list')).toEqual([line]);
    const file = JSON.parse(readFileSync(join(dir, 'users.json'), 'utf8'));
    expect(file.users).toHaveLength(1);
  });

  it('prints a token the API accepts, with the user’s sub, roles and organizations', async () => {
    const dir = tempDir();
    await run(
      dir,
      'create-user',
      '--email',
      'w@example.org',
      '--name',
      '王芳',
      '--role',
      'scrutineer',
      '--org',
      'org-9',
    );
    process.env.ZX_AUTH_SECRET = 'admin-test-secret-0123456789';
    try {
      const [token] = await run(dir, 'token', '--email', 'w@example.org', '--hours', '1');
      const principal = await authenticate(`Bearer ${token}`);
      const [user] = JSON.parse(readFileSync(join(dir, 'users.json'), 'utf8')).users;
      expect(principal).toEqual({ sub: user.sub, roles: ['scrutineer'], orgs: ['org-9'] });
    } finally {
      delete process.env.ZX_AUTH_SECRET;
    }
  });

  it('refuses a token for an unknown user or one without a role, and changes to unknown users', async () => {
    const dir = tempDir();
    await expect(run(dir, 'token', '--email', 'x@example.org')).rejects.toThrow(/no user/);
    await run(dir, 'create-user', '--email', 'x@example.org', '--name', 'X');
    await expect(run(dir, 'token', '--email', 'x@example.org')).rejects.toThrow(/no role/);
    await expect(run(dir, 'grant', '--email', 'y@example.org', '--org', 'o')).rejects.toThrow(
      /no user y@example.org/,
    );
  });

  it('runs as `npm run admin` (tsx scripts/admin.ts) against $ZX_DATA_DIR', async () => {
    const dir = tempDir();
    const exec = promisify(execFile);
    const env = { ...process.env, ZX_DATA_DIR: dir, ZX_USER_POOL_ID: '' };
    const args = ['tsx', 'scripts/admin.ts'];
    const { stdout } = await exec(
      'npx',
      [...args, 'create-user', '--email', 'c@example.org', '--name', 'C', '--role', 'member'],
      { env },
    );
    expect(stdout).toMatch(/^created/);
    const failed = exec('npx', [...args, 'grant', '--email', 'c@example.org'], { env });
    await expect(failed).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/--org/) });
  }, 30_000);
});

describe('on AWS (a fake user pool)', () => {
  /** A user pool in memory that answers the commands the admin script sends, and records them. */
  const fakePool = () => {
    const sent: { name: string; input: Record<string, unknown> }[] = [];
    const users = new Map<string, { attrs: Record<string, string>; groups: Set<string> }>();
    const attributes = (attrs: Record<string, string>) =>
      Object.entries(attrs).map(([Name, Value]) => ({ Name, Value }));
    const client: CognitoSend = {
      send: (async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        const { input } = command;
        const username = String(input.Username);
        const group = String(input.GroupName);
        const written = (input.UserAttributes ?? []) as { Name: string; Value: string }[];
        const name = command.constructor.name;
        sent.push({ name, input });
        const user = users.get(username);
        const missing = () => Object.assign(new Error('no'), { name: 'UserNotFoundException' });
        switch (name) {
          case 'AdminCreateUserCommand': {
            if (user) throw Object.assign(new Error('exists'), { name: 'UsernameExistsException' });
            const attrs = Object.fromEntries(written.map((a) => [a.Name, a.Value]));
            users.set(username, { attrs: { ...attrs, sub: 'sub-1' }, groups: new Set() });
            return { User: { Username: 'sub-1', Attributes: attributes(attrs) } };
          }
          case 'AdminGetUserCommand':
            if (!user) throw missing();
            return {
              Username: 'sub-1',
              UserStatus: 'FORCE_CHANGE_PASSWORD',
              UserAttributes: attributes(user.attrs),
            };
          case 'AdminListGroupsForUserCommand':
            return { Groups: [...(user?.groups ?? [])].map((GroupName) => ({ GroupName })) };
          case 'AdminAddUserToGroupCommand':
            user?.groups.add(group);
            return {};
          case 'AdminUpdateUserAttributesCommand':
            for (const a of written) {
              if (user) user.attrs[a.Name] = a.Value;
            }
            return {};
          case 'ListUsersCommand':
            return {
              Users: [...users.values()].map((u) => ({
                Username: 'sub-1',
                UserStatus: 'CONFIRMED',
                Attributes: attributes(u.attrs),
              })),
            };
          case 'ListUsersInGroupCommand':
            return {
              Users: [...users.values()]
                .filter((u) => u.groups.has(group))
                .map(() => ({ Username: 'sub-1' })),
            };
          default:
            throw new Error(`unexpected ${name}`);
        }
      }) as CognitoSend['send'],
    };
    return { sent, directory: cognitoDirectory(userPool('pool-1', client), 'pool-1') };
  };

  it('invites by mail, puts the user in the role groups and writes custom:orgs', async () => {
    const { sent, directory } = fakePool();
    const argv = ['create-user', '--email', 'li@example.org', '--name', '李明'];
    const lines = await runAdmin(
      parseAdminArgs([...argv, '--role', 'organizer', '--org', 'org-1']),
      directory,
    );
    expect(lines[0]).toBe('created (Cognito user pool pool-1)');
    expect(lines[1]).toBe(
      'li@example.org\t李明\troles=organizer\torgs=org-1\tFORCE_CHANGE_PASSWORD',
    );
    expect(sent.find((c) => c.name === 'AdminCreateUserCommand')?.input).toEqual({
      UserPoolId: 'pool-1',
      Username: 'li@example.org',
      UserAttributes: [
        { Name: 'email', Value: 'li@example.org' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: '李明' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    });
    expect(sent.find((c) => c.name === 'AdminAddUserToGroupCommand')?.input).toMatchObject({
      GroupName: 'organizer',
    });
    // A retry reports the user and sends no second invitation.
    const retry = await runAdmin(parseAdminArgs(argv), directory);
    expect(retry[0]).toMatch(/already exists/);
    expect(sent.filter((c) => c.name === 'AdminCreateUserCommand')).toHaveLength(2);
  });

  it('grants and revokes organizations in custom:orgs, and lists users with their groups', async () => {
    const { sent, directory } = fakePool();
    await runAdmin(
      parseAdminArgs([
        'create-user',
        '--email',
        'a@example.org',
        '--name',
        'A',
        '--role',
        'teller',
      ]),
      directory,
    );
    await runAdmin(
      parseAdminArgs(['grant', '--email', 'a@example.org', '--org', 'o1', '--org', 'o2']),
      directory,
    );
    await runAdmin(
      parseAdminArgs(['revoke', '--email', 'a@example.org', '--org', 'o1']),
      directory,
    );
    const writes = sent
      .filter((c) => c.name === 'AdminUpdateUserAttributesCommand')
      .map((c) => c.input.UserAttributes);
    expect(writes).toEqual([
      [{ Name: 'custom:orgs', Value: 'o1,o2' }],
      [{ Name: 'custom:orgs', Value: 'o2' }],
    ]);
    expect(await runAdmin({ command: 'list' }, directory)).toEqual([
      'a@example.org\tA\troles=teller\torgs=o2\tCONFIRMED',
    ]);
    await expect(
      runAdmin(parseAdminArgs(['token', '--email', 'a@example.org']), directory),
    ).rejects.toThrow(/managed login/);
  });

  it('is chosen by --user-pool-id or ZX_USER_POOL_ID; the local file otherwise', () => {
    expect(directoryFor(['list', '--user-pool-id', 'p-1'], {}).where).toBe('Cognito user pool p-1');
    expect(directoryFor(['list'], { ZX_USER_POOL_ID: 'p-2' }).where).toBe('Cognito user pool p-2');
    expect(directoryFor(['list'], { ZX_DATA_DIR: '/tmp/zx' }).where).toBe(
      'local users /tmp/zx/users.json',
    );
  });
});
