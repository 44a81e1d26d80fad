import type { FormInstance } from 'antd';
import { App } from 'antd';
import { useState } from 'react';
import type * as z from 'zod';
import { refusalDetails, showIssues, zodDetails } from '../api/form-errors.ts';
// Forms check with zod: its messages in Chinese first (kept out of the first screen's bundle).
import '../zod-messages.ts';

export interface SubmitOptions<V, B, R> {
  form: FormInstance<V>;
  schema?: z.ZodType<B, unknown>;
  toBody: (values: V) => unknown;
  send: (body: B) => Promise<R>;
  success?: string | ((answer: R) => string);
  onDone?: (answer: R) => void;
}

/**
 * Submits a form the way every console form does: the form's values become the request body
 * (`toBody`), checked first with the API's own zod schema, then sent; a refusal's messages go
 * next to their fields, the rest above the form. The values stay as typed on any failure.
 */
export const useSubmit = <V, B, R>(options: SubmitOptions<V, B, R>) => {
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    setProblem(null);
    const values = options.form.getFieldsValue(true) as V;
    const raw = options.toBody(values);
    let body = raw as B;
    if (options.schema) {
      const parsed = options.schema.safeParse(raw);
      if (!parsed.success) {
        setProblem(showIssues(options.form, zodDetails(parsed.error), '请检查填写的内容'));
        return;
      }
      body = parsed.data;
    }
    setPending(true);
    try {
      const answer = await options.send(body);
      const text =
        typeof options.success === 'function' ? options.success(answer) : options.success;
      if (text) message.success(text);
      options.onDone?.(answer);
    } catch (error) {
      const { details, message: text } = refusalDetails(error);
      const rest = showIssues(options.form, details, text);
      setProblem(rest ?? (details.length > 0 ? null : text));
    } finally {
      setPending(false);
    }
  };
  return { submit, pending, problem, clearProblem: () => setProblem(null) };
};
