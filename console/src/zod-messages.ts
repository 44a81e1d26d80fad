import * as z from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';

/**
 * The API's schemas check the console's forms in Chinese: zod's own zh-CN messages, and a
 * plain 必填 for a field left empty (zod would say "expected string, received undefined").
 * The schemas' own messages (the rules) are as the schemas write them.
 */
z.config(zhCN());
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null)) {
      return '必填';
    }
    if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) {
      return '必填';
    }
    if (issue.code === 'too_small' && issue.origin === 'array' && issue.minimum === 1) {
      return '至少填写一项';
    }
    return undefined;
  },
});
