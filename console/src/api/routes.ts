import type * as z from 'zod';
import type { ApiGroups } from '../../../functions/api/index.ts';

/**
 * The API's routes as types, read from the endpoint declarations themselves (type-only: no
 * server code reaches the browser). A route is named by its key, `POST /v1/elections`; its
 * params, query, body and answer are the zod schemas' types, so nothing is declared twice.
 */
type Endpoint = ApiGroups[keyof ApiGroups]['endpoints'][number];

export type RouteKey = Endpoint extends infer E
  ? E extends { method: infer M extends string; path: infer P extends string }
    ? `${M} ${P}`
    : never
  : never;

type EndpointOf<K extends RouteKey> = K extends `${infer M} ${infer P}`
  ? Extract<Endpoint, { method: M; path: P }>
  : never;

/**
 * What a part of a request holds: the type its schema parses to (the declarations keep only
 * that type; the shapes they accept are the same but for defaults), or nothing.
 */
type InputOf<S> = NonNullable<S> extends z.ZodType ? z.output<NonNullable<S>> : undefined;

export type ParamsOf<K extends RouteKey> = InputOf<EndpointOf<K>['params']>;
export type QueryOf<K extends RouteKey> = InputOf<EndpointOf<K>['query']>;
export type BodyOf<K extends RouteKey> = InputOf<EndpointOf<K>['body']>;
/** The JSON a 2xx answer carries (the route's `response` schema). */
export type AnswerOf<K extends RouteKey> =
  NonNullable<EndpointOf<K>['response']> extends z.ZodType
    ? z.output<NonNullable<EndpointOf<K>['response']>>
    : undefined;
