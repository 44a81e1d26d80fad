import type { FormInstance } from 'antd';
import type * as z from 'zod';
import { ApiError, type ErrorDetail } from './client.ts';

/**
 * Puts each message next to its field: the API's refusal details (paths like
 * `['body', 'seats', 'members']`) and the console's own zod check (the same schema, imported)
 * speak the same paths. What cannot be placed on a field is returned for the page to show.
 * The form keeps every value: nothing typed is lost.
 */
export const showIssues = (
  form: FormInstance,
  details: readonly ErrorDetail[],
  fallback: string,
): string | null => {
  // The fields the form has (a nested one by its whole path): an issue goes to the field its
  // path names, or the nearest enclosing one (`superior.emails.0` → the e-mails field).
  const fields = form.getFieldsError().map((field) => field.name.map(String));
  const fieldOf = (path: (string | number)[]) => {
    for (let length = path.length; length > 0; length--) {
      const prefix = path.slice(0, length).map(String);
      const field = fields.find((name) => name.join('\u0000') === prefix.join('\u0000'));
      if (field) return field;
    }
    return undefined;
  };
  const placed = new Map<string, { name: string[]; errors: string[] }>();
  const unplaced: string[] = [];
  for (const detail of details) {
    const path = (detail.path ?? []).filter((_, i) => !(i === 0 && detail.path?.[0] === 'body'));
    const message = detail.message ?? fallback;
    const field = fieldOf(path);
    if (field) {
      const key = field.join('\u0000');
      const entry = placed.get(key) ?? { name: field, errors: [] };
      if (!entry.errors.includes(message)) entry.errors.push(message);
      placed.set(key, entry);
    } else {
      unplaced.push(message);
    }
  }
  form.setFields([...placed.values()]);
  if (placed.size === 0 && unplaced.length === 0) return fallback;
  return unplaced.length > 0 ? unplaced.join(';') : null;
};

/** The zod issues of the console's own check, as the API would give them. */
export const zodDetails = (error: z.ZodError): ErrorDetail[] =>
  error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message,
  }));

/** A refusal (or a failure to reach the API) as details for `showIssues`. */
export const refusalDetails = (error: unknown): { details: ErrorDetail[]; message: string } =>
  error instanceof ApiError
    ? { details: error.details as ErrorDetail[], message: error.message }
    : { details: [], message: error instanceof Error ? error.message : String(error) };
