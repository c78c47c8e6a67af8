import { type ComponentType, lazy, Suspense, useState } from 'react';
import { PartBoundary } from './PartBoundary';

/**
 * A part of a screen loaded on demand (a QR code, a presence list, a summary line) that
 * the screen works without: while it loads nothing shows, and if its code cannot be
 * fetched (offline before the service worker had it) it stays away quietly and is tried
 * again when the network returns. Unlike React.lazy alone, a failed import is not kept:
 * the retry imports again.
 */
export function optionalPart<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
): ComponentType<Props> {
  const make = () => lazy(async () => ({ default: await load() }));
  let Part = make();
  // biome-ignore lint/correctness/noComponentHookFactories: called once per part at module level, like React.lazy
  return function OptionalPart(props: Props) {
    const [attempt, setAttempt] = useState(0);
    return (
      <PartBoundary
        key={attempt}
        quiet
        onRetry={() => {
          Part = make();
          setAttempt((n) => n + 1);
        }}
      >
        <Suspense fallback={null}>
          <Part {...props} />
        </Suspense>
      </PartBoundary>
    );
  };
}
