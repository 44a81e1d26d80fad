/** The product's name in logs, metrics and traces (Powertools `service`) and its metrics' home. */
export const SERVICE_NAME = 'zx-elections';
export const METRICS_NAMESPACE = 'ZxElections';
