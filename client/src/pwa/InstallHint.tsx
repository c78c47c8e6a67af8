import { lazy, Suspense } from 'react';
import { useStore } from '../app/hooks';
import { useServices } from '../app/services';

// Its text and layout load only when there is something to offer (most visits: nothing).
const InstallBanner = lazy(() =>
  import('./InstallBanner').then((module) => ({ default: module.InstallBanner })),
);

/** An unobtrusive "install the app" offer for the home screen; nothing once dismissed. */
export function InstallHint() {
  const { install } = useServices();
  const offer = useStore(install.suggested);
  if (offer === 'none') return null;
  return (
    <Suspense fallback={null}>
      <InstallBanner offer={offer} />
    </Suspense>
  );
}
