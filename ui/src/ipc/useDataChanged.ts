import { useEffect, useEffectEvent } from "react";
import { events } from "../bindings";

/**
 * Calls `onChange` whenever the backend says that the data of `area` changed on disk
 * (`data-changed`), e.g. after an import or a refresh. Without the event bridge nothing happens.
 */
export function useDataChanged(area: string, onChange: () => void) {
  const changed = useEffectEvent(onChange);
  useEffect(() => {
    let live = true;
    let unlisten: (() => void) | null = null;
    events.dataChanged
      .listen((event) => {
        if (live && event.payload.area === area) changed();
      })
      .then(
        (stop) => {
          if (live) unlisten = stop;
          else stop();
        },
        () => undefined,
      );
    return () => {
      live = false;
      unlisten?.();
    };
  }, [area]);
}
