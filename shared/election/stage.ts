import { conflict, type DomainError } from '../errors.ts';
import type { ElectionStage } from '../rules/index.ts';
import { stageGuard } from '../store/elections.ts';
import type { ElectionRecord } from '../store/records.ts';
import { type AuditEvent, ConditionFailed, commit, type Write } from '../store/transact.ts';

/** 409 unless the election is in one of `stages`: what the request does belongs to them. */
export const requireStage = (
  election: Pick<ElectionRecord, 'stage'>,
  stages: readonly ElectionStage[],
  what: string,
): void => {
  if (!stages.includes(election.stage)) throw wrongStage(election.stage, stages, what);
};

const wrongStage = (stage: string, stages: readonly ElectionStage[], what: string): DomainError =>
  conflict(
    'wrong-stage',
    `${what} is only possible in stage ${stages.join(' or ')}; the election is in stage ${stage}`,
    [{ stage, allowed: stages }],
  );

/**
 * Commits `writes` with their audit entry only while the election is still in one of `stages`,
 * so a request that raced the workflow's stage change is refused whole (409) instead of landing
 * in the next stage. A failed condition of one of `writes` is answered by `refusal(index)`.
 */
export const commitInStage = async (
  election: Pick<ElectionRecord, 'id' | 'stage'>,
  stages: readonly ElectionStage[],
  what: string,
  writes: Write[],
  audit: AuditEvent,
  refusal: (index: number) => DomainError,
): Promise<void> => {
  try {
    await commit([stageGuard(election.id, stages), ...writes], audit);
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    if (error.index === 0) {
      throw conflict(
        'wrong-stage',
        `${what} is only possible in stage ${stages.join(' or ')}; the election has just left it`,
        [{ allowed: stages }],
      );
    }
    throw refusal(error.index - 1);
  }
};
