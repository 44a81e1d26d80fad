import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { clientPerEndpoint } from './client.ts';

const secretsClient = clientPerEndpoint(
  'AWS_ENDPOINT_URL_SECRETS_MANAGER',
  () => new SecretsManagerClient({}),
);

// Read once per process: a warm function does not pay a Secrets Manager call per mail.
const cache = new Map<string, Promise<string>>();

/** The secret's string (e.g. the SMTP password); a failed read is tried again next time. */
export const secretString = (secretId: string): Promise<string> => {
  let value = cache.get(secretId);
  if (!value) {
    value = secretsClient()
      .send(new GetSecretValueCommand({ SecretId: secretId }))
      .then(({ SecretString }) => {
        if (SecretString === undefined) throw new Error(`secret ${secretId} has no string value`);
        return SecretString;
      });
    value.catch(() => cache.delete(secretId));
    cache.set(secretId, value);
  }
  return value;
};
