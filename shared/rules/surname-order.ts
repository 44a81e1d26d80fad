/**
 * STAND-IN (helper C, issue 15) until helper A's 姓氏笔画 comparator is merged: the same export
 * and signature, ordered by ICU's stroke collation, which is close to but not the 条例's rule.
 */

/** Negative when `a` comes first in 姓氏笔画 order. */
export const compareSurnames = (a: string, b: string): number =>
  a.localeCompare(b, 'zh-u-co-stroke');
