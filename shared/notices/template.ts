import type * as z from 'zod';
import type { Block } from './blocks.ts';

/** One addressee of a notice: a member, an organizer, or an address of the superior. */
export interface Recipient {
  /** Member id, or a label such as `superior:<address>` for addresses outside the roll. */
  id: string;
  name: string;
  email?: string;
}

/** What a template knows besides its data: whose notice it is and for which election. */
export interface NoticeContext {
  electionId: string;
  recipient: Pick<Recipient, 'id' | 'name'>;
}

/** Every template's data names the organization: subjects start with it. */
type Data = { organization: string };

/**
 * A notice template: the zod schema of its data (the single source of its type), a short
 * subject, and the body as blocks (render.ts writes them as text and as HTML).
 */
export interface NoticeTemplate<S extends z.ZodType<Data, unknown> = z.ZodType<Data, unknown>> {
  schema: S;
  /** The subject after `【公推直选】{organization} `: short and specific. */
  subject: (data: z.output<S>) => string;
  body: (data: z.output<S>, context: NoticeContext) => Block[];
}

export const defineTemplate = <S extends z.ZodType<Data, unknown>>(
  template: NoticeTemplate<S>,
): NoticeTemplate<S> => template;
