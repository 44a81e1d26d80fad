import { AwaitDeadlineInput, awaitDeadline } from '../../shared/workflow/stage-tasks.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

export const handler = taskHandler(AwaitDeadlineInput, awaitDeadline);
