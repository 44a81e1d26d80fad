import * as z from 'zod';
import { renderHtml } from './render-html.ts';
import { renderText } from './render-text.ts';
import type { NoticeContext, NoticeTemplate } from './template.ts';
import { TEMPLATES, type TemplateData, type TemplateName } from './templates/index.ts';

/** A notice ready to record and send. */
export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
}

/**
 * A template given data that does not fit its schema: a programming error of the caller,
 * thrown before anything is recorded. The message names the template and each bad field.
 */
export class NoticeDataError extends Error {
  override readonly name = 'NoticeDataError';
  constructor(
    readonly template: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(
      `notice template "${template}" was given wrong data:\n${z.prettifyError(new z.ZodError(issues))}`,
    );
  }
}

const SUBJECT_PREFIX = '【公推直选】';

/** One line, however the names in it were typed. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

const templateOf = (name: string): NoticeTemplate => {
  const template = (TEMPLATES as Record<string, NoticeTemplate>)[name];
  if (!template)
    throw new NoticeDataError(name, [
      { code: 'custom', path: ['template'], message: `unknown template ${name}`, input: name },
    ]);
  return template;
};

/** The template's data, validated (defaults filled in); throws NoticeDataError. */
export const parseTemplateData = (name: TemplateName, data: unknown): { organization: string } => {
  const parsed = templateOf(name).schema.safeParse(data);
  if (!parsed.success) throw new NoticeDataError(name, parsed.error.issues);
  return parsed.data;
};

/** Renders data already validated by `parseTemplateData` for one recipient. */
export const renderParsed = (
  name: TemplateName,
  data: { organization: string },
  context: NoticeContext,
): RenderedNotice => {
  const template = templateOf(name);
  const title = oneLine(template.subject(data));
  const subject = `${SUBJECT_PREFIX}${oneLine(data.organization)} ${title}`;
  const body = template.body(data, context);
  const greeting = `${context.recipient.name}:`;
  const footer = [
    `${data.organization}公推直选工作小组`,
    '此邮件由公推直选系统自动发送,请勿直接回复。',
  ];
  return {
    subject,
    text: renderText({ greeting, blocks: body, footer }),
    html: renderHtml({ banner: data.organization, title, greeting, blocks: body, footer }),
  };
};

/** Validates the data and renders the notice for one recipient (previews, tests). */
export const renderNotice = <T extends TemplateName>(
  name: T,
  data: TemplateData<T>,
  context: NoticeContext,
): RenderedNotice => renderParsed(name, parseTemplateData(name, data), context);
