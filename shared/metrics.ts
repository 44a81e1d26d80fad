import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, SERVICE_NAME } from './service.ts';

/**
 * The product's own metrics (Powertools Metrics: CloudWatch embedded metric format, written to
 * the function's log, no API call), with the dimension `service`; infra/operations.ts alarms on
 * them. Locally POWERTOOLS_METRICS_DISABLED keeps them out of the console; made on first use,
 * because Powertools reads that variable once, and the local stack sets it only as it starts
 * (after the modules that import this one have loaded).
 */
let metrics: Metrics | undefined;
const theMetrics = () =>
  (metrics ??= new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME }));

/** The metrics the alarms read: one name each, so code and alarm cannot drift apart. */
export const METRIC = {
  /** An election stopped in `halted` (an error, a refused start, a failed execution). */
  electionsHalted: 'ElectionsHalted',
  /** Seconds since the oldest notice not yet sent was recorded (0 when none waits). */
  oldestUnsentNoticeAge: 'OldestUnsentNoticeAgeSeconds',
} as const;

const UNITS = {
  [METRIC.electionsHalted]: MetricUnit.Count,
  [METRIC.oldestUnsentNoticeAge]: MetricUnit.Seconds,
} as const;

/** Emits one value of a metric now (not at the end of the invocation: a crash would lose it). */
export const emitMetric = (name: (typeof METRIC)[keyof typeof METRIC], value: number): void => {
  theMetrics().addMetric(name, UNITS[name], value);
  theMetrics().publishStoredMetrics();
};
