import { useEffect, useState } from 'react';

/**
 * False until the frame after `ready` turned true has been painted: for what may come a moment after the first thing
 * the user waits for (the dashboard's figures: issue 10), so that rendering it, or loading its chunks, does not hold
 * that frame back. Stays true once true.
 */
export function useAfterFirstPaint(ready = true) {
  const [on, setOn] = useState(false);
  useEffect(() => {
    if (!ready || on) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The frame callback runs before that frame is painted; the task it queues runs after.
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setOn(true))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, on]);
  return on;
}
