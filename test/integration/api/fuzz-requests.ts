// The API fuzz test's request generator: for one endpoint, fast-check arbitraries of malformed
// requests (bodies mutated from a valid sample or wild, bad path parameters, bad tokens), each
// classified by what makes it invalid — using the server's own routing, event building and
// schemas — and what the answer must then be.
import { Agent, request as httpRequest } from 'node:http';
import fc from 'fast-check';
import * as z from 'zod';
import { localRoutes } from '../../../functions/api/index.ts';
import { matchRoute, toApiGatewayEvent } from '../../../infra/local/http-server.ts';
import { MAX_BALLOTS_PER_REQUEST } from '../../../shared/election/rounds/ballots.ts';
import { MAX_BODY_BYTES, parseBody } from '../../../shared/http/body.ts';
import type { AnyEndpoint } from '../../../shared/http/endpoint.ts';
import { ApiError } from '../../../shared/http/errors.ts';
import { BALLOT_SCHEMAS } from '../../../shared/rules/index.ts';
import { mailedMember } from '../../support/builders.ts';
import { ORG, ROLES, STAGE_NAMES, type Tokens, type World } from './fuzz-fixtures.ts';

/**
 * What makes a request invalid, in the order the pipeline meets it: the token (401, then 403
 * for the role), the shape of the path parameters and the query (400), the body's size (413),
 * its JSON text (400) and
 * shape (400); then, in the handler, another organization's token (403), an id nothing has
 * (404) and a ballot of no round kind's shape (400 or 404).
 */
export type Fault =
  | 'token'
  | 'role'
  | 'path-shape'
  | 'query-shape'
  | 'body-size'
  | 'body-json'
  | 'body-shape'
  | 'org'
  | 'unknown-id'
  | 'ballot-shape';

export interface FuzzRequest {
  routeKey: string;
  method: string;
  /** As sent: encoded path and query. */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  faults: Fault[];
  /** How it was made, for a failure message. */
  how: string[];
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

// --- Valid samples: each endpoint's body as a valid request would send it. ---

type Json = null | boolean | number | string | Raw | Json[] | { [key: string]: Json };

/** JSON text spliced in as is (numbers JSON.stringify cannot write, deep nesting). */
class Raw {
  constructor(readonly text: string) {}
}

const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A valid body for every endpoint that takes one: the mutations start from these. */
export const validBodies = (): Record<string, Json> => ({
  'POST /v1/organizations': {
    id: 'org-fuzz-new',
    name: '新建社区党支部',
    level: 'branch',
    superior: { name: '光明街道党工委', emails: ['gongwei@example.org'] },
  },
  'PUT /v1/organizations/{orgId}/roll': {
    members: [mailedMember('m01')],
  },
  'POST /v1/elections': {
    orgId: ORG,
    preset: 'community',
    seats: { secretary: 1, deputies: 0, members: 2 },
    startsAt: later(1),
    dayLengthMs: 60_000,
  },
  'PUT /v1/elections/{id}/deadlines/{stage}': { deadline: later(3) },
  'POST /v1/elections/{id}/resume': { stage: 'nomination', deadline: later(3) },
  'POST /v1/elections/{id}/cancel': { reason: '上级党组织决定调整选举时间' },
  'POST /v1/elections/{id}/nominations': {
    kind: 'joint',
    office: 'secretary',
    nomineeId: 'm03',
    supporterIds: ['m04', 'm05', 'm06'],
    documents: { idCard: true, householdRegister: true, diploma: true, photo: true },
  },
  'POST /v1/elections/{id}/eligibility': {
    nomineeId: 'm01',
    office: 'secretary',
    decision: 'accept',
    waive: ['age'],
    reason: '特别优秀',
  },
  'POST /v1/elections/{id}/objections': {
    candidateId: 'm01',
    office: 'secretary',
    text: '该同志长期不参加组织生活',
  },
  'POST /v1/elections/{id}/objections/{objectionId}/resolution': {
    decision: 'dismissed',
    reason: '经核实，反映情况不属实',
  },
  'POST /v1/elections/{id}/inspections': {
    candidateId: 'm01',
    summary: '工作扎实，群众认可。',
    rating: 'good',
  },
  'POST /v1/elections/{id}/statements': {
    candidateId: 'm01',
    kind: 'speech',
    text: '服务居民，真抓实干。',
    office: 'secretary',
  },
  'POST /v1/elections/{id}/inspections/proposal': {
    candidateIds: ['m01', 'm02', 'm03'],
    reason: '综合公推结果和考察情况',
  },
  'POST /v1/elections/{id}/suggestions': {
    candidateId: 'm01',
    memberIds: ['m03', 'm04'],
    waivers: [{ memberId: 'm04', waive: ['age'], reason: '特别优秀' }],
  },
  'PUT /v1/elections/{id}/suggestions/{candidateId}': { memberIds: ['m03', 'm05'] },
  'POST /v1/elections/{id}/rounds/{roundId}/attendance': {
    present: 15,
    ballotsIssued: 15,
    constituencies: [{ name: '第一选区', expected: 16, present: 15, ballotsIssued: 15 }],
    staff: { announcer: 'm14', scrutineer: 'm15', counter: 'm16' },
  },
  'POST /v1/elections/{id}/rounds/{roundId}/ballot-papers': {
    constituencies: [{ id: 'units', count: 60 }],
  },
  'POST /v1/elections/{id}/rounds/{roundId}/ballots': {
    ballots: [
      { serial: 'E0001', marks: { m01: 'for', m02: 'against' }, writeIns: ['m03'] },
      { serial: 'E0002', marks: { m01: 'abstain' } },
    ],
  },
  'POST /v1/elections/{id}/rounds/{roundId}/decision': {
    choice: 'select',
    memberIds: ['m01'],
    reason: '领导小组研究决定',
  },
  'POST /approve/{approvalId}': { decision: 'approve', selection: ['m01'], comment: '同意' },
  'POST /v1/elections/{id}/commitments': {
    goals: [{ category: 'employment', text: '帮助社区居民就业', target: '新增就业岗位 50 个' }],
  },
  'POST /v1/organizations/{orgId}/goals/{goalId}/progress': {
    at: '2026-06-30',
    text: '新增就业岗位 12 个',
    value: 12,
  },
  'POST /v1/elections/{id}/recalls': {
    officeHolderId: 'm01',
    signatoryIds: ['m03', 'm04', 'm05'],
    reason: '长期不履行职责',
  },
  'POST /v1/elections/{id}/by-elections': { recallId: 'recall-1', candidateIds: ['m03', 'm04'] },
  'POST /v1/batches': {
    preset: 'community',
    seats: { secretary: 1, deputies: 0, members: 2 },
    startsAt: later(1),
    orgIds: [ORG],
  },
});

/** Ballots of any round kind: a batch one of them takes is not malformed. */
const BALLOT_BATCHES = Object.values(BALLOT_SCHEMAS).map((ballot) =>
  z.strictObject({ ballots: z.array(ballot).min(1).max(MAX_BALLOTS_PER_REQUEST) }),
);

// --- Weird values and mutations. ---

const hugeString = fc
  .tuple(fc.integer({ min: 1_000, max: 300_000 }), fc.constantFrom('x', '党', '😀', ' ', '\u0000'))
  .map(([n, c]) => c.repeat(n));

/** Nested arrays or objects, `depth` deep, as JSON text (deeper than any schema). */
const deepNesting = fc
  .tuple(fc.integer({ min: 20, max: 50_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays
      ? new Raw(`${'['.repeat(depth)}${']'.repeat(depth)}`)
      : new Raw(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  );

const oddStrings = fc.constantFrom(
  '',
  ' ',
  '\t\n',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u200b',
  '😀',
  '党员',
  'null',
  'undefined',
  'NaN',
  '__proto__',
  'constructor',
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '{{7*7}}',
  'ELECTION#x',
  '../../etc/passwd',
  '2026-02-30T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '1975-13-45',
  'm01',
  'M01',
  ' m01',
);

const weirdValue: fc.Arbitrary<Json> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<Json>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      2 ** 53 + 2,
      1e21,
      [],
      {},
      [null],
      { '': '' },
    ),
  },
  { weight: 3, arbitrary: oddStrings },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  {
    weight: 2,
    arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: hugeString },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('1e400', '-1e400', '-0', '1.0', '123456789012345678901234567890', '0.1e-400')
      .map((text) => new Raw(text)),
  },
  { weight: 1, arbitrary: deepNesting },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1_001, max: 20_000 }), fc.constantFrom<Json>('m01', 1, {}, null))
      .map(([n, item]) => Array.from({ length: n }, () => item)),
  },
);

const oddKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    '',
    ' ',
    'id ',
    'extra',
    'x'.repeat(5000),
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
);

type Step = (string | number)[];

/** Every place in a value, the root first: the path to it and what is there. */
const places = (value: Json, at: Step = []): { at: Step; value: Json }[] => {
  const here = { at, value };
  if (value instanceof Raw || value === null || typeof value !== 'object') return [here];
  const children = Array.isArray(value)
    ? value.flatMap((item, i) => places(item, [...at, i]))
    : Object.entries(value).flatMap(([key, item]) => places(item, [...at, key]));
  return [here, ...children];
};

const isObject = (value: Json): value is { [key: string]: Json } =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Raw);

/** An own, enumerable property even for `__proto__`. */
const define = (target: { [key: string]: Json }, key: string, value: Json) =>
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });

const copy = (value: Json): Json => {
  if (Array.isArray(value)) return value.map(copy);
  if (!isObject(value)) return value;
  const out: { [key: string]: Json } = {};
  for (const [key, item] of Object.entries(value)) define(out, key, copy(item));
  return out;
};

/** The value with the thing at `at` replaced by `change(thing)`; `undefined` removes it. */
const edit = (value: Json, at: Step, change: (old: Json) => Json | undefined): Json => {
  if (at.length === 0) return change(value) ?? null;
  const [head, ...rest] = at;
  const inner = (old: Json) => (rest.length === 0 ? change(old) : edit(old, rest, change));
  if (Array.isArray(value)) {
    const next = [...value];
    const changed = inner(next[head as number] ?? null);
    if (changed === undefined) next.splice(head as number, 1);
    else next[head as number] = changed;
    return next;
  }
  if (!isObject(value)) return value;
  const next = copy(value) as { [key: string]: Json };
  const changed = inner(next[head as string] ?? null);
  if (changed === undefined) delete next[head as string];
  else define(next, head as string, changed);
  return next;
};

type Mutation =
  | { op: 'drop'; pick: number }
  | { op: 'replace'; pick: number; with: Json }
  | { op: 'add'; pick: number; key: string; with: Json }
  | { op: 'wrap'; pick: number }
  | { op: 'flatten'; pick: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), pick: fc.nat(), with: weirdValue }),
  fc.record({ op: fc.constant('add' as const), pick: fc.nat(), key: oddKey, with: weirdValue }),
  fc.record({ op: fc.constant('wrap' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('flatten' as const), pick: fc.nat() }),
);

const mutate = (sample: Json, m: Mutation): Json => {
  const all = places(sample);
  const objects = all.filter((p) => isObject(p.value));
  const fields = all.filter((p) => p.at.length > 0);
  const pickFrom = <T>(list: T[]): T | undefined => list[m.pick % Math.max(list.length, 1)];
  switch (m.op) {
    case 'drop': {
      const place = pickFrom(fields);
      return place ? edit(sample, place.at, () => undefined) : null;
    }
    case 'replace':
      return edit(sample, (pickFrom(all) as { at: Step }).at, () => m.with);
    case 'add': {
      const place = pickFrom(objects);
      if (!place) return [sample, m.with];
      return edit(sample, place.at, (old) => {
        const next = copy(old) as { [key: string]: Json };
        define(next, m.key, m.with);
        return next;
      });
    }
    case 'wrap':
      return edit(sample, (pickFrom(all) as { at: Step }).at, (old) => [old]);
    case 'flatten':
      return edit(sample, (pickFrom(all) as { at: Step }).at, (old) =>
        isObject(old) ? Object.values(old) : Array.isArray(old) ? (old[0] ?? {}) : { value: old },
      );
  }
};

/** JSON text of a value, Raw parts as they are and `__proto__` keys as plain keys. */
const toText = (value: Json): string => {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(toText).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}:${toText(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

/** Ways to spoil JSON text (most make it unparseable; the classification tells). */
const spoil = fc.oneof(
  { weight: 6, arbitrary: fc.constant((text: string) => text) },
  { weight: 1, arbitrary: fc.constant((text: string) => `\ufeff${text}`) },
  {
    weight: 2,
    arbitrary: fc.nat().map((at) => (text: string) => text.slice(0, at % Math.max(text.length, 1))),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(',', '}', ']', 'x', '\u0000', ' //')
      .map((tail) => (text: string) => text + tail),
  },
  { weight: 1, arbitrary: fc.constant((text: string) => text.replaceAll('"', "'")) },
  { weight: 1, arbitrary: fc.constant((text: string) => `/* c */${text}`) },
  { weight: 1, arbitrary: fc.constant((text: string) => text.replaceAll(',', ',\n  ')) },
  {
    weight: 1,
    arbitrary: fc.tuple(oddKey, weirdValue).map(
      ([key, value]) =>
        (text: string) =>
          text.startsWith('{') && text.length > 2
            ? `${text.slice(0, -1)},${JSON.stringify(key)}:${toText(value)}}`
            : text,
    ),
  },
);

const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'Application/JSON',
  'text/plain',
  'application/vnd.api+json',
  'application/octet-stream',
  'multipart/form-data; boundary=zz',
  'application/x-www-form-urlencoded',
  'text/xml',
];

interface Body {
  bytes: Buffer;
  contentType?: string;
  how: string;
}

const text = (value: string, contentType: string | undefined, how: string): Body => ({
  bytes: Buffer.from(value, 'utf8'),
  ...(contentType === undefined ? {} : { contentType }),
  how,
});

const contentType = fc.option(fc.constantFrom(...JSON_TYPES), { freq: 6, nil: undefined });

/** A form as a browser would send the sample's fields, or junk in form encoding. */
const formOf = (sample: Json | undefined) =>
  fc
    .tuple(
      fc.array(
        fc.tuple(oddKey, fc.oneof(oddStrings, fc.string({ unit: 'binary', maxLength: 20 }))),
        {
          maxLength: 4,
        },
      ),
      fc.boolean(),
      fc.constantFrom('', '%', '%zz', '%ED%A0%80', '&&==&', 'a=%C0%AF&a=1&a'),
    )
    .map(([junk, withSample, raw]) => {
      const fields = new URLSearchParams();
      if (withSample && isObject(sample ?? null)) {
        for (const [key, value] of Object.entries(sample as { [key: string]: Json })) {
          if (Array.isArray(value)) for (const item of value) fields.append(key, toText(item));
          else fields.append(key, typeof value === 'string' ? value : toText(value));
        }
      }
      for (const [key, value] of junk) fields.append(key, value);
      return text(
        `${fields.toString()}${raw ? `&${raw}` : ''}`,
        'application/x-www-form-urlencoded',
        'form',
      );
    });

/** Bodies for one endpoint: mutated samples, wild text, forms, bytes, none, too big. */
const bodyFor = (sample: Json | undefined): fc.Arbitrary<Body> => {
  const base = sample ?? {};
  const mutated = fc
    .tuple(fc.array(mutation, { minLength: 1, maxLength: 3 }), spoil, contentType)
    .map(([mutations, spoilText, type]) => {
      const value = mutations.reduce<Json>((v, m) => mutate(v, m), copy(base));
      return text(
        spoilText(toText(value)),
        type,
        `mutated ${mutations.map((m) => m.op).join('+')}`,
      );
    });
  const asSample = contentType.map((type) => text(toText(base), type, 'sample'));
  const wildJson = fc
    .tuple(fc.jsonValue({ maxDepth: 4 }), contentType)
    .map(([value, type]) => text(JSON.stringify(value), type, 'json value'));
  const wildText = fc
    .tuple(fc.string({ unit: 'binary', maxLength: 200 }), contentType)
    .map(([value, type]) => text(value, type, 'text'));
  const bytes = fc
    .tuple(fc.uint8Array({ minLength: 1, maxLength: 300 }), contentType)
    .map(([value, type]) => ({
      bytes: Buffer.from(value),
      ...(type ? { contentType: type } : {}),
      how: 'bytes',
    }));
  const deep = fc
    .tuple(deepNesting, contentType)
    .map(([value, type]) => text(value.text, type, 'deep nesting'));
  const empty = contentType.map((type) => text('', type, 'empty'));
  const tooBig = fc
    .tuple(fc.oneof(fc.integer({ min: 1, max: 4096 }), fc.constant(MAX_BODY_BYTES)), fc.boolean())
    .map(([extra, json]) => {
      const size = MAX_BODY_BYTES + extra;
      const filler = 'x'.repeat(size - (json ? 11 : 12));
      return text(
        json ? `{"text":"${filler}"}` : `${filler}garbagetext!`,
        'application/json',
        `${size} bytes`,
      );
    });
  const nearLimit = fc.constant(
    text(`{"text":"${'x'.repeat(MAX_BODY_BYTES - 11)}"}`, 'application/json', 'at the limit'),
  );
  return fc.oneof(
    // Bodies of megabytes are few: each costs the run a few milliseconds.
    { weight: 40, arbitrary: mutated },
    { weight: 9, arbitrary: asSample },
    { weight: 6, arbitrary: wildJson },
    { weight: 6, arbitrary: wildText },
    { weight: 3, arbitrary: bytes },
    { weight: 9, arbitrary: formOf(sample) },
    { weight: 3, arbitrary: deep },
    { weight: 6, arbitrary: empty },
    { weight: 1, arbitrary: tooBig },
    { weight: 1, arbitrary: nearLimit },
  );
};

// --- Path parameters. ---

/**
 * Ids a path parameter names that the seeded world has, by parameter (and route for `id`); none
 * for a parameter it seeds nothing for, whose every value is then an unknown id.
 */
const knownValues = (path: string, param: string, world: World): string[] => {
  switch (param) {
    case 'orgId':
      return [ORG];
    case 'roundId':
      return world.roundIds;
    case 'objectionId':
      return world.objectionIds;
    case 'approvalId':
      return world.approvalIds;
    case 'candidateId':
      return world.memberIds;
    case 'stage':
      return [...STAGE_NAMES];
    case 'id':
      return path.startsWith('/v1/batches/') ? world.batchIds : Object.values(world.elections);
    default:
      return [];
  }
};

/** The endpoint's path with the first seeded value of each parameter. */
export const knownPath = (endpoint: AnyEndpoint, world: World): string =>
  endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(knownValues(endpoint.path, name, world)[0] ?? 'nothing-seeded'),
  );

interface Segment {
  /** As it goes into the URL. */
  raw: string;
  how: string;
}

const encode = (value: string): string => encodeURIComponent(value.toWellFormed());

const segmentFor = (known: string[]): fc.Arbitrary<Segment> =>
  fc.oneof(
    {
      weight: known.length ? 14 : 0,
      arbitrary: fc
        .constantFrom(...(known.length ? known : ['nothing-seeded']))
        .map((v) => ({ raw: encode(v), how: known.length ? 'known' : 'unseeded id' })),
    },
    {
      weight: 3,
      arbitrary: fc
        .oneof(fc.uuid(), fc.stringMatching(/^[a-z0-9-]{1,40}$/))
        .map((v) => ({ raw: encode(`${v}-unknown`), how: 'unknown id' })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            ['a', 3000],
            ['a', 2049],
            ['a', 1025],
            ['a', 201],
            ['a', 129],
            ['a', 128],
            ['a', 65],
            ['党', 800],
            ['党', 129],
            ['😀', 600],
          ),
          fc.nat(40),
        )
        .map(([[c, n], less]) => ({
          raw: encode((c as string).repeat(Math.max(1, (n as number) - less))),
          how: `long ${c}×${n as number}`,
        })),
    },
    {
      weight: 3,
      arbitrary: fc
        .oneof(oddStrings, fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }))
        .filter((v) => v.length > 0)
        .map((v) => ({ raw: encode(v), how: 'odd' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('%', '%zz', '%ED%A0%80', '%C0%AF', '%00', '..', '.', '%2e%2e', '%23', '%3F')
        .map((raw) => ({ raw, how: `raw ${raw}` })),
    },
  );

// --- Tokens. ---

const UPLOAD_ROUTE = 'POST /v1/batch-uploads';

interface Auth {
  header?: string;
  kind: 'good' | 'token' | 'role' | 'org';
  how: string;
}

const authFor = (endpoint: AnyEndpoint, tokens: Tokens): fc.Arbitrary<Auth> => {
  const allowed = endpoint.auth === 'public' ? ROLES : endpoint.auth;
  const wrong = ROLES.filter((role) => !allowed.includes(role));
  const good = fc
    .tuple(fc.constantFrom(...allowed), fc.boolean(), fc.constantFrom('Bearer', 'bearer', 'BEARER'))
    .map(([role, star, scheme]) => ({
      header: `${scheme} ${(star ? tokens.all : tokens.own)[role]}`,
      kind: 'good' as const,
      how: `${role} token`,
    }));
  const refused = fc.oneof(
    fc.constant<Auth>({ kind: 'token', how: 'no token' }),
    fc.constantFrom(...Object.entries(tokens.refused)).map(([name, token]) => ({
      header: `Bearer ${token}`,
      kind: 'token' as const,
      how: `${name} token`,
    })),
    fc
      .oneof(
        fc.constantFrom(
          'Bearer',
          'Bearer ',
          'Basic dXNlcjpwYXNz',
          'Token abc',
          'Bearer a.b.c',
          'Bearer ..',
        ),
        fc
          .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 2000 })
          .map((s) => `Bearer ${s.trim() || 'x'}`),
        fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
      )
      .map((header) => ({ header, kind: 'token' as const, how: 'garbage token' })),
    fc.constant<Auth>({
      header: `Bearer ${tokens.own[allowed[0] as (typeof ROLES)[number]]}, Bearer x`,
      kind: 'token',
      how: 'two tokens',
    }),
  );
  const unknownRole = fc.constant<Auth>({
    header: `Bearer ${tokens.unknownRole}`,
    kind: 'role',
    how: 'unknown-role token',
  });
  const wrongRole = wrong.length
    ? fc.oneof(
        fc.constantFrom(...wrong).map((role) => ({
          header: `Bearer ${tokens.own[role]}`,
          kind: 'role' as const,
          how: `${role} token (wrong role)`,
        })),
        unknownRole,
      )
    : unknownRole;
  // A list with no organization or election in its path answers each token its own
  // organizations' items: another organization's token is a good one there; so it is where an
  // upload is asked for (the file's organizations are checked when its batch is made).
  const listsByToken = endpoint.method === 'GET' && !endpoint.path.includes('{');
  const noOrganization = listsByToken || `${endpoint.method} ${endpoint.path}` === UPLOAD_ROUTE;
  const otherOrg = fc.constantFrom(...allowed).map((role) => ({
    header: `Bearer ${tokens.other[role]}`,
    kind: noOrganization ? ('good' as const) : ('org' as const),
    how: `${role} token of another organization`,
  }));
  return fc.oneof(
    { weight: 10, arbitrary: good },
    { weight: 3, arbitrary: refused },
    { weight: 2, arbitrary: wrongRole },
    { weight: 2, arbitrary: otherOrg },
  );
};

// --- Requests, classified. ---

const routes = localRoutes();

const query = fc.option(
  fc.oneof(
    fc
      .array(fc.tuple(oddKey, fc.oneof(oddStrings, fc.string({ maxLength: 20 }))), {
        minLength: 1,
        maxLength: 4,
      })
      .map((pairs) =>
        new URLSearchParams(pairs.map(([k, v]) => [k.toWellFormed(), v.toWellFormed()])).toString(),
      ),
    fc.constantFrom(
      '%',
      '%zz=%zz',
      '&&&',
      '=',
      'a=1&a=2',
      '__proto__[x]=1',
      'x='.concat('y'.repeat(3000)),
    ),
  ),
  { freq: 5, nil: undefined },
);

/**
 * What the server will make of the request, with its own routing, event and schemas: the
 * faults it has. A request with none is valid (and, unless a GET, never sent).
 */
const classify = (
  endpoint: AnyEndpoint,
  request: Omit<FuzzRequest, 'faults'>,
  auth: Auth,
  world: World,
): Fault[] => {
  const path = request.url.split('?')[0] as string;
  const match = matchRoute(routes, request.method, path);
  const routeKey = `${endpoint.method} ${endpoint.path}`;
  if (!match || `${match.route.method} ${match.route.path}` !== routeKey) {
    throw new Error(`generator bug: ${request.method} ${path} does not reach ${routeKey}`);
  }
  const rawHeaders = Object.entries(request.headers).flat();
  const event = toApiGatewayEvent(
    {
      method: request.method,
      url: request.url,
      rawHeaders,
      body: request.body,
      sourceIp: '127.0.0.1',
      protocol: 'HTTP/1.1',
    },
    match,
  );
  const faults: Fault[] = [];
  if (endpoint.auth !== 'public' && auth.kind !== 'good') faults.push(auth.kind);
  const params = event.pathParameters ?? {};
  if (endpoint.params && !endpoint.params.safeParse(params).success) faults.push('path-shape');
  else if (
    Object.entries(params).some(
      ([name, value]) => !knownValues(endpoint.path, name, world).includes(value ?? ''),
    )
  ) {
    faults.push('unknown-id');
  }
  if (endpoint.query && !endpoint.query.safeParse(event.queryStringParameters ?? {}).success) {
    faults.push('query-shape');
  }
  let parsed: unknown;
  try {
    parsed = parseBody(event, endpoint.files); // as the pipeline parses it: a file it takes
    if (endpoint.body && !endpoint.body.safeParse(parsed).success) faults.push('body-shape');
    else if (
      routeKey === 'POST /v1/elections/{id}/rounds/{roundId}/ballots' &&
      !BALLOT_BATCHES.some((batch) => batch.safeParse(parsed).success)
    ) {
      faults.push('ballot-shape');
    }
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    faults.push(error.status === 413 ? 'body-size' : 'body-json');
  }
  return faults;
};

/** Malformed requests for one endpoint (a valid GET may slip in: it reads only). */
export const requestsFor = (
  endpoint: AnyEndpoint,
  world: World,
  tokens: Tokens,
  samples: Record<string, Json>,
): fc.Arbitrary<FuzzRequest> => {
  const routeKey = `${endpoint.method} ${endpoint.path}`;
  const names = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const segments = fc.tuple(
    ...names.map((name) => segmentFor(knownValues(endpoint.path, name, world))),
  ) as fc.Arbitrary<Segment[]>;
  // Browsers and curl send no body with a GET; API Gateway passes one on if sent.
  const body =
    endpoint.method === 'GET'
      ? fc.option(bodyFor(undefined), { freq: 4, nil: undefined })
      : bodyFor(samples[routeKey]);
  return fc
    .record({
      segments,
      auth: authFor(endpoint, tokens),
      body,
      query,
      accept: fc.constantFrom(
        undefined,
        'application/json',
        'text/html',
        '*/*',
        'text/html,application/json',
      ),
    })
    .map(({ segments: values, auth, body: sent, query: q, accept }) => {
      let i = 0;
      const path = endpoint.path.replace(/\{\w+\}/g, () => (values[i++] as Segment).raw);
      const headers: Record<string, string> = {
        ...(auth.header === undefined ? {} : { authorization: auth.header }),
        ...(sent?.contentType === undefined ? {} : { 'content-type': sent.contentType }),
        ...(accept === undefined ? {} : { accept }),
      };
      const request = {
        routeKey,
        method: endpoint.method,
        url: q === undefined ? path : `${path}?${q}`,
        headers,
        body: sent?.bytes ?? Buffer.alloc(0),
        how: [
          auth.how,
          ...values.map((v, n) => `${names[n]}: ${v.how}`),
          ...(sent ? [`body: ${sent.how} (${sent.contentType ?? 'no content type'})`] : []),
          ...(q === undefined ? [] : ['query']),
        ],
      };
      const faults = classify(endpoint, request, auth, world);
      // fast-check prints a counterexample with this: bodies and ids can be megabytes.
      return Object.assign(
        { ...request, faults },
        {
          [fc.toStringMethod]: () => describeRequest({ ...request, faults }),
        },
      );
    })
    .filter((request) => request.method === 'GET' || request.faults.length > 0);
};

// --- Sending and judging. ---

/** One line about a request, cut short: method, URL, how it was made, its faults. */
export const describeRequest = (request: FuzzRequest): string =>
  `${request.method} ${request.url.slice(0, 160)}${request.url.length > 160 ? '…' : ''} — ${request.how.join('; ')} — faults: ${
    request.faults.join(', ') || 'none'
  }`;

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** Sends the request as is (no URL normalization, any body on any method). */
export const send = (base: string, request: FuzzRequest): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const url = new URL(base);
    const outgoing = httpRequest(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.url,
        headers: {
          ...request.headers,
          ...(request.body.length ? { 'content-length': String(request.body.length) } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body.length ? request.body : undefined);
  });

export const closeAgent = () => agent.destroy();

/** The status the first fault the pipeline meets must give; `4xx` when the handler decides. */
export const expectedStatus = (
  endpoint: AnyEndpoint,
  request: FuzzRequest,
): number | '4xx' | 'any' => {
  const has = (fault: Fault) => request.faults.includes(fault);
  if (has('token')) return 401;
  if (has('role')) return 403;
  if (has('path-shape') || has('query-shape')) return 400;
  if (has('body-size')) return 413;
  if (has('body-json') || has('body-shape')) return 400;
  if (request.faults.length > 0) return '4xx';
  return endpoint.method === 'GET' ? 'any' : '4xx';
};

/** Where a 400's issues must point. */
export const expectedIssueRoot = (request: FuzzRequest): 'path' | 'query' | 'body' | undefined => {
  const has = (fault: Fault) => request.faults.includes(fault);
  if (has('token') || has('role')) return undefined;
  if (has('path-shape')) return 'path';
  if (has('query-shape')) return 'query';
  if (has('body-json') || has('body-shape') || has('ballot-shape')) return 'body';
  return undefined;
};
