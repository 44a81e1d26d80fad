import { loadElection } from '../../shared/election/access.ts';
import {
  type Auth,
  type EndpointSpec,
  endpoint,
  type Method,
  type Reply,
  type Request,
} from '../../shared/http/endpoint.ts';
import type { Principal } from '../../shared/principal.ts';
import type { ElectionRecord } from '../../shared/store/records.ts';

/** What the handler of a route on one election gets: the request and that election. */
export type ElectionRequest<B, P, Q, A extends Auth> = Request<B, P, Q, A> & {
  election: ElectionRecord;
};

/**
 * Declares an endpoint on one election (`/v1/elections/{id}/…`): its handler gets the election
 * `{id}` names, loaded (404) and within the token's organizations (403; a public route passes no
 * principal). The preamble every such route needs, written once; here because `shared/http`
 * may not import the election and the election may not import HTTP.
 */
export const electionEndpoint = <
  B = undefined,
  P extends { id: string } = { id: string },
  Q = Record<string, string>,
  const A extends Auth = Auth,
  R = never,
  const M extends Method = Method,
  const Path extends string = string,
>(
  spec: Omit<EndpointSpec<B, P, Q, A, R, M, Path>, 'handle'> & {
    handle: (request: ElectionRequest<B, P, Q, A>) => Promise<Reply<NoInfer<R>>>;
  },
) =>
  endpoint<B, P, Q, A, R, M, Path>({
    ...spec,
    handle: async (request) =>
      spec.handle({
        ...request,
        election: await loadElection(request.params.id, request.principal),
      }),
  });

/** A use case that acts on one election for whoever calls, with the request's body. */
type BodyUseCase<B, R> = (election: ElectionRecord, principal: Principal, body: B) => Promise<R>;

/**
 * The handler of a route that hands its body to a use case and answers what it returns (`reply`
 * adds e.g. `status: 201` where the use case records something new): the glue most write
 * routes on one election share, written once.
 */
export const handleWith =
  <B, R>(useCase: BodyUseCase<B, R>, reply: Omit<Reply, 'body'> = {}) =>
  async ({
    election,
    principal,
    body,
  }: {
    election: ElectionRecord;
    principal: Principal;
    body: B;
  }): Promise<Reply<R>> => ({ ...reply, body: await useCase(election, principal, body) });
