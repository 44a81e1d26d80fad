import * as z from 'zod';

/**
 * What the console learns at run time from `/console/config.json`: how people sign in (a local
 * token locally; Cognito's managed login on AWS, written by CDK) and where the API is ('' is
 * this origin, as both the local adapter and CloudFront serve it).
 */
export const ConsoleConfig = z.object({
  auth: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('local') }),
    z.object({
      kind: z.literal('cognito'),
      authority: z.url(),
      clientId: z.string().min(1),
      redirectPath: z.string().startsWith('/'),
      logoutUrl: z.url().optional(),
    }),
  ]),
  api: z.string(),
});
export type ConsoleConfig = z.infer<typeof ConsoleConfig>;

let loaded: Promise<ConsoleConfig> | undefined;

export const consoleConfig = (): Promise<ConsoleConfig> => {
  loaded ??= fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' })
    .then((response) => {
      if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
      return response.json();
    })
    .then((json) => ConsoleConfig.parse(json));
  return loaded;
};
