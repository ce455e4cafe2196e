import { createElement, lazy, useState, type ComponentType } from 'react';

export type Preloadable<P extends object = object> = ComponentType<P> & { preload: () => Promise<unknown> };

/**
 * React.lazy that can be loaded ahead (`preload`, e.g. warmStart): once its chunk is in, it mounts without suspending.
 * A lazy component suspends on its first render even when its chunk has long arrived, and React 19 holds each
 * Suspense reveal up to 300 ms after its fallback showed, so the first screen's chain of lazy parts (layout → page →
 * dashboard) cost a fallback and a wait per link (issue 10). Each mount keeps the component it started with.
 */
export function preloadable<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<unknown> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (m) => (loaded = m.default),
      (err: unknown) => {
        pending = undefined; // a failed download may be tried again
        throw err;
      },
    ));
  const Lazy = lazy(() => preload().then(() => ({ default: loaded! })));
  function Component(props: P) {
    const [Chosen] = useState<ComponentType<P>>(() => loaded ?? (Lazy as unknown as ComponentType<P>));
    return createElement(Chosen, props);
  }
  return Object.assign(Component, { preload });
}
