import type { Api } from '../../../scripts/scenario/client.ts';

/**
 * The people's client for the community scenario on very short days (20 ms):
 * - the scenario keeps the nomination window open for 60 calendar days while its people
 *   nominate, moving the deadline once the stage has begun; on a 20 ms day the whole window is
 *   80 ms and has passed before the scenario sees the stage (409 deadline-passed: reported as a
 *   bug of the scenario). This client moves that deadline 60 s ahead as soon as the election is
 *   created (a stage not yet begun may be moved) and keeps the scenario's own extension at 60 s;
 *   the closing move goes through unchanged;
 * - an approval link lives `approvalTimeoutDays` (7) days: 140 ms, less than the superior needs to
 *   open the page and decide. The election is created with `approvalTimeoutDays` worth 20 s.
 */
export const shortDays = (api: Api, dayLengthMs: number): Api => {
  const keepOpen = (path: string, token: string | undefined) =>
    api.call('PUT', path, token, { deadline: new Date(Date.now() + 60_000).toISOString() });
  return {
    ...api,
    async call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
      if (method === 'POST' && path === '/v1/elections') {
        const plan = body as { rules?: Record<string, unknown> };
        const approvalTimeoutDays = Math.max(7, Math.ceil(20_000 / dayLengthMs));
        const created = await api.call<{ id: string }>(method, path, token, {
          ...plan,
          rules: { ...plan.rules, approvalTimeoutDays },
        });
        await keepOpen(`/v1/elections/${created.id}/deadlines/nomination`, token);
        return created as T;
      }
      const deadline = (body as { deadline?: string } | undefined)?.deadline;
      if (method === 'PUT' && path.endsWith('/deadlines/nomination') && deadline) {
        if (Date.parse(deadline) - Date.now() > 1000) return keepOpen(path, token) as Promise<T>;
      }
      return api.call<T>(method, path, token, body);
    },
  };
};
