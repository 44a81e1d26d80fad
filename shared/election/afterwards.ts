import { logger } from '../log.ts';

/**
 * Runs what follows a committed change (e-mails, the next step): a failure there is logged and
 * the change stands — it is already in the table and the audit chain.
 */
export const afterwards = async (what: string, ref: string, step: () => Promise<unknown>) => {
  try {
    await step();
  } catch (error) {
    logger.error(`${what} failed`, { ref, error });
  }
};
