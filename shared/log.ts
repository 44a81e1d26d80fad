import { Logger } from '@aws-lambda-powertools/logger';
import { SERVICE_NAME } from './service.ts';

/**
 * The one structured logger (Powertools for AWS Lambda): JSON lines with the service, the
 * level and, inside a handler, the Lambda request id. `POWERTOOLS_LOG_LEVEL` sets the level
 * (the stack sets it per function; locally it defaults to INFO). Never log ballots, names or
 * addresses: ids and counts only.
 */
export const logger = new Logger({ serviceName: SERVICE_NAME });
