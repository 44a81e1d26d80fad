/**
 * What the console learns at run time from `/console/config.json`: how people sign in (a local
 * token locally; Cognito's managed login on AWS, written by CDK: infra/console.ts) and where
 * the API is ('' is this origin, as both the local adapter and CloudFront serve it). Checked by
 * hand rather than with zod, which stays out of the first screen's bundle.
 */
export interface ConsoleConfig {
  auth:
    | { kind: 'local' }
    | {
        kind: 'cognito';
        authority: string;
        clientId: string;
        redirectPath: string;
        logoutUrl?: string;
      };
  api: string;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

const checked = (json: unknown): ConsoleConfig => {
  const config = json as ConsoleConfig;
  const auth = config?.auth as Record<string, unknown> | undefined;
  const valid =
    typeof config?.api === 'string' &&
    (auth?.kind === 'local' ||
      (auth?.kind === 'cognito' &&
        isText(auth.authority) &&
        isText(auth.clientId) &&
        isText(auth.redirectPath)));
  if (!valid) throw new Error('config.json is not a console configuration');
  return config;
};

let loaded: Promise<ConsoleConfig> | undefined;

export const consoleConfig = (): Promise<ConsoleConfig> => {
  loaded ??= fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' })
    .then((response) => {
      if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
      return response.json();
    })
    .then(checked);
  return loaded;
};
