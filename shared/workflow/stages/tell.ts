import {
  notify,
  type Recipient,
  type TemplateData,
  type TemplateName,
  type TypedNotifyRequest,
} from '../../notices/index.ts';
import { rollRecipients as everyMember, organizersOf } from '../../notices/recipients.ts';
import type { StageContext } from '../context.ts';

/** What the stages tell people: the notices, with names read from the roll. */

export const named = async (ctx: StageContext, memberIds: readonly string[]) =>
  Promise.all(
    memberIds.map(async (id) => ({ memberId: id, name: (await ctx.member(id))?.name ?? id })),
  );

export const namesOf = async (ctx: StageContext, memberIds: readonly string[]) =>
  (await named(ctx, memberIds)).map(({ name }) => name);

export const listed = async (ctx: StageContext, memberIds: readonly string[]) =>
  (await namesOf(ctx, memberIds)).map((name) => ({ name }));

/** A notice's identity: the stage as it runs now (a resumed stage notifies again). */
const ref = (ctx: StageContext, what: string = ctx.stage) => `${what}@${ctx.since}`;

export const tell = async <T extends TemplateName>(
  ctx: StageContext,
  recipients: Recipient[],
  template: T,
  data: TemplateData<T>,
  what?: string,
) =>
  notify({
    electionId: ctx.election.id,
    template,
    ref: ref(ctx, what),
    recipients,
    data,
  } satisfies TypedNotifyRequest<T>);

export const members = async (ctx: StageContext) => everyMember(await ctx.roll());
export const organizers = async (ctx: StageContext) => organizersOf(await ctx.org());
export const organization = async (ctx: StageContext) => (await ctx.org()).name;

/** The stage's window as it runs now. */
export const window = (ctx: StageContext) => {
  const entry = ctx.election.calendar[ctx.stage];
  return { from: entry?.from ?? ctx.since, until: entry?.until ?? ctx.since };
};
