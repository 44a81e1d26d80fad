// Proves the product's metrics reach CloudWatch the way infra/operations.ts alarms on them:
// one embedded-metric-format line, in the namespace and `service` dimension the alarms name,
// written when emitted (a function that dies later does not lose it).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../../shared/service.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.resetModules();
});

/** The module loaded afresh with metrics on (the test config turns them off). */
const loadMetrics = async () => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  vi.resetModules();
  return import('../../../shared/metrics.ts');
};

const written = () => {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
};

describe('emitMetric', () => {
  it('writes one EMF line the alarms can read: namespace, service, name, unit, value', async () => {
    const { emitMetric, METRIC } = await loadMetrics();
    const lines = written();
    emitMetric(METRIC.electionsHalted, 1);
    expect(lines).toHaveLength(1);
    const emf = JSON.parse(lines[0] as string);
    expect(emf).toMatchObject({
      service: SERVICE_NAME,
      [METRIC.electionsHalted]: 1,
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: METRICS_NAMESPACE,
            Dimensions: [['service']],
            Metrics: [{ Name: METRIC.electionsHalted, Unit: 'Count' }],
          },
        ],
      },
    });
  });

  it('reports the oldest unsent notice in seconds', async () => {
    const { emitMetric, METRIC } = await loadMetrics();
    const lines = written();
    emitMetric(METRIC.oldestUnsentNoticeAge, 4200);
    const emf = JSON.parse(lines[0] as string);
    expect(emf[METRIC.oldestUnsentNoticeAge]).toBe(4200);
    expect(emf._aws.CloudWatchMetrics[0].Metrics).toEqual([
      { Name: METRIC.oldestUnsentNoticeAge, Unit: 'Seconds' },
    ]);
  });
});
