import { useEffect } from 'react';

/**
 * Reads again every `everyMs` while `active` — while something runs on the server that the page
 * follows (a batch file's import) — one read at a time: the next waits for the last to end. A
 * hidden tab skips its reads until it is shown.
 */
export const usePoll = (reload: () => Promise<unknown>, everyMs: number, active: boolean) => {
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (!document.hidden) await reload();
      if (!stopped) timer = setTimeout(tick, everyMs);
    };
    timer = setTimeout(tick, everyMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [reload, everyMs, active]);
};
