import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Loads what a page shows, with its error, and a way to load it again after a change. `key`
 * names what the load depends on (e.g. the election id and filters): a new key loads anew.
 */
export const useLoad = <T>(load: () => Promise<T>, key: string) => {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(load);
  latest.current = load;
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await latest.current());
      setError(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setLoading(false);
    }
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is what makes a load stale
  useEffect(() => {
    void reload();
  }, [reload, key]);
  return { data, error, loading, reload };
};
