import { claimsOfCognitoUser, ORGS_ATTRIBUTE } from '../../shared/principal.ts';

/**
 * Cognito's pre-token-generation trigger (event version V2_0, which the Essentials plan allows
 * to customize the access token too): writes the claims the API reads — `roles` (the user's
 * groups that are roles) and `orgs` (`custom:orgs`) — into BOTH the ID and the access token,
 * so the API authorizes whichever token a client sends, with the same claims as a local token.
 * Cognito puts `custom:orgs` in the ID token only and the groups as `cognito:groups`.
 *
 * Only the parts read and written are typed here: @types/aws-lambda types claim values as
 * strings, while V2_0 takes string arrays too.
 */
export interface PreTokenGenerationV2Event {
  version: string;
  triggerSource: string;
  request: {
    userAttributes: Record<string, string>;
    groupConfiguration: { groupsToOverride?: string[] };
  };
  response: {
    claimsAndScopeOverrideDetails?: {
      idTokenGeneration?: { claimsToAddOrOverride?: Record<string, string[]> };
      accessTokenGeneration?: { claimsToAddOrOverride?: Record<string, string[]> };
    } | null;
  };
}

export const handler = async (
  event: PreTokenGenerationV2Event,
): Promise<PreTokenGenerationV2Event> => {
  const claims = claimsOfCognitoUser(
    event.request.groupConfiguration.groupsToOverride ?? [],
    event.request.userAttributes[ORGS_ATTRIBUTE],
  );
  const claimsToAddOrOverride = { roles: claims.roles, orgs: claims.orgs };
  return {
    ...event,
    response: {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride },
        accessTokenGeneration: { claimsToAddOrOverride },
      },
    },
  };
};
