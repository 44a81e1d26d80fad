import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';

/**
 * The user pool as administrators change it (`npm run admin`): accounts by e-mail address,
 * groups, and one string attribute (`custom:orgs`). Only SDK calls; what to write is decided by
 * the caller. Retrying any of them does nothing twice: creating an existing user is reported,
 * adding a member to a group and setting an attribute are idempotent.
 */

export interface PoolUser {
  /** Cognito's username (the `sub`: the pool signs in by e-mail). */
  username: string;
  email: string;
  name: string;
  status: string;
  attributes: Record<string, string>;
}

const toUser = (
  user: { Username?: string; UserStatus?: string },
  attrs: UserType['Attributes'],
) => {
  const attributes = Object.fromEntries((attrs ?? []).map((a) => [a.Name ?? '', a.Value ?? '']));
  return {
    username: user.Username ?? '',
    email: attributes.email ?? '',
    name: attributes.name ?? '',
    status: user.UserStatus ?? '',
    attributes,
  };
};

export type CognitoSend = Pick<CognitoIdentityProviderClient, 'send'>;

/** Every page of a listing: `page(token)` answers its items and the next page's token. */
const allPages = async <T>(
  page: (token: string | undefined) => Promise<{ items?: T[]; next?: string }>,
): Promise<T[]> => {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const answer = await page(token);
    items.push(...(answer.items ?? []));
    token = answer.next;
  } while (token);
  return items;
};

export const userPool = (
  userPoolId: string,
  client: CognitoSend = new CognitoIdentityProviderClient({}),
) => ({
  /** Invites a user: Cognito mails the temporary password. Undefined if the address exists. */
  async create(email: string, name: string): Promise<PoolUser | undefined> {
    try {
      const { User } = await client.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: email,
          UserAttributes: [
            { Name: 'email', Value: email },
            // The invitation reaches the address: it is verified (password resets need it).
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: name },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
      return toUser(User ?? {}, User?.Attributes);
    } catch (error) {
      if ((error as Error).name === 'UsernameExistsException') return undefined;
      throw error;
    }
  },
  async get(email: string): Promise<PoolUser | undefined> {
    try {
      const user = await client.send(
        new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }),
      );
      return toUser(user, user.UserAttributes);
    } catch (error) {
      if ((error as Error).name === 'UserNotFoundException') return undefined;
      throw error;
    }
  },
  async groupsOf(email: string): Promise<string[]> {
    const groups = await allPages(async (NextToken) => {
      const page = await client.send(
        new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: email, NextToken }),
      );
      return { items: page.Groups, next: page.NextToken };
    });
    return groups.map((g) => g.GroupName ?? '');
  },
  async addToGroup(email: string, group: string): Promise<void> {
    await client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: group }),
    );
  },
  async setAttribute(email: string, name: string, value: string): Promise<void> {
    await client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: userPoolId,
        Username: email,
        UserAttributes: [{ Name: name, Value: value }],
      }),
    );
  },
  async list(): Promise<PoolUser[]> {
    const users = await allPages(async (PaginationToken) => {
      const page = await client.send(
        new ListUsersCommand({ UserPoolId: userPoolId, PaginationToken }),
      );
      return { items: page.Users, next: page.PaginationToken };
    });
    return users.map((u) => toUser(u, u.Attributes));
  },
  /** The usernames in a group. */
  async members(group: string): Promise<string[]> {
    const users = await allPages(async (NextToken) => {
      const page = await client.send(
        new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: group, NextToken }),
      );
      return { items: page.Users, next: page.NextToken };
    });
    return users.map((u) => u.Username ?? '');
  },
});
export type UserPoolAdmin = ReturnType<typeof userPool>;
