import * as z from 'zod';

/** Whether no value repeats (member ids, serials, constituency ids…). */
export const isDistinct = (values: readonly string[]): boolean =>
  new Set(values).size === values.length;

/**
 * A zod refinement reporting every repeat of `key` at its index (and `field`), so the error names
 * the entry that repeats rather than the whole list.
 */
export const refineDistinct =
  <T>(key: (item: T) => string, message: (value: string) => string, field?: string) =>
  (items: readonly T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (seen.has(value)) {
        const path = field === undefined ? [index] : [index, field];
        ctx.addIssue({ code: 'custom', path, message: message(value) });
      }
      seen.add(value);
    });
  };

/** 1 to `max` ids, each once: a repeat is named at its index (`candidate m7 appears twice`). */
export const distinctIds = <S extends z.ZodType<string>>(id: S, noun: string, max = 1000) =>
  z
    .array(id)
    .min(1)
    .max(max)
    .superRefine(
      refineDistinct(
        (value: string) => value,
        (value) => `${noun} ${value} appears twice`,
      ),
    );
