import { useCallback, useEffect, useRef, useState } from "react";

/**
 * A reload counter. Calls that arrive together (a refresh's answer and its `data-changed` event)
 * make one reload.
 */
export function useReload(): [number, () => void] {
  const [generation, setGeneration] = useState(0);
  const timer = useRef<number | null>(null);
  const reload = useCallback(() => {
    if (timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      setGeneration((n) => n + 1);
    }, 30);
  }, []);
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );
  return [generation, reload];
}
