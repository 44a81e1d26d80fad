/**
 * An error answered in the Step Functions JSON protocol: the SDK turns `__type` into its
 * exception class (`ExecutionDoesNotExist`, `TaskDoesNotExist`, `InvalidToken`…).
 */
export class SfnProtocolError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/**
 * A failed task, as the interpreter matches it in `Retry` / `Catch`: it compares `name`
 * with `ErrorEquals` and reports `message` as the `Cause`.
 */
export class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

/**
 * Fails the whole execution like AWS's `States.Runtime`: the interpreter reads these two
 * flags, so no `Retry` or `Catch` (not even `States.ALL`) can swallow it.
 */
export class RuntimeFailure extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;
  constructor(message: string) {
    super(message);
    this.name = 'States.Runtime';
  }
}
