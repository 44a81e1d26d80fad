import { useMemo } from 'react';
import { call } from '../api/client.ts';
import { useLoad } from './use-load.ts';

/**
 * An organization's roll (党员名册) for a page that names people: ids are what the API speaks,
 * names are what organizers read. `nameOf` falls back to the id for someone no longer on it.
 */
export const useRoll = (orgId: string | undefined) => {
  const roll = useLoad(
    async () => (orgId ? call('GET /v1/organizations/{orgId}/roll', { params: { orgId } }) : null),
    orgId ?? '',
  );
  const members = useMemo(() => roll.data?.members ?? [], [roll.data]);
  const nameOf = useMemo(() => {
    const names = new Map(members.map((m) => [m.id, m.name]));
    return (id: string) => names.get(id) ?? id;
  }, [members]);
  return { ...roll, members, nameOf };
};
