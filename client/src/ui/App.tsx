import { Suspense, useEffect, useRef } from 'react';
import { useServices } from '../app/services';
import { useI18n } from '../i18n/I18nProvider';
import type { Route } from '../router/routes';
import { useRoute } from '../router/useRoute';
import { InsecureContextBanner, StorageProblemBanner, UpdatePrompt } from './Banners';
import { Header } from './Header';
import { Loading } from './Loading';
import { lazyScreen } from './lazyScreen';
import { PartBoundary } from './PartBoundary';
import { CommunityScreen } from './screens/CommunityScreen';
import { HomeScreen } from './screens/HomeScreen';
import { JoinScreen } from './screens/JoinScreen';
import { NotFoundScreen } from './screens/NotFoundScreen';

// Not needed to paint the home and community pages: loaded on demand (and precached by
// the service worker, so they open offline too); screens that write wait for the change code.
const AddEventScreen = lazyScreen(() =>
  import('./screens/AddEventScreen').then((module) => module.AddEventScreen),
);
const EventScreen = lazyScreen(() =>
  import('./screens/event/EventScreen').then((module) => module.EventScreen),
);
const CreateCommunityScreen = lazyScreen(() =>
  import('./screens/CreateCommunityScreen').then((module) => module.CreateCommunityScreen),
);
const NewItemScreen = lazyScreen(() =>
  import('./screens/items/NewItemScreen').then((module) => module.NewItemScreen),
);
const ItemScreen = lazyScreen(() =>
  import('./screens/items/ItemScreen').then((module) => module.ItemScreen),
);
const ProjectScreen = lazyScreen(() =>
  import('./screens/project/ProjectScreen').then((module) => module.ProjectScreen),
);
const ThreadScreen = lazyScreen(() =>
  import('./screens/discussions/ThreadScreen').then((module) => module.ThreadScreen),
);
const SettingsScreen = lazyScreen(() =>
  import('./screens/settings/SettingsScreen').then((module) => module.SettingsScreen),
);
const PairScreen = lazyScreen(() =>
  import('./screens/pair/PairScreen').then((module) => module.PairScreen),
);

export function App() {
  const { t } = useI18n();
  const { appVersion } = useServices();
  const route = useRoute();
  const communityId = 'id' in route && route.name !== 'join' ? route.id : undefined;
  useFocusHeadingOnRouteChange(route);

  return (
    <div className="app">
      <button type="button" className="skip-link" onClick={skipToMain}>
        {t('app.skipToContent')}
      </button>
      <Header communityId={communityId} />
      <div className="banners">
        <UpdatePrompt />
        <InsecureContextBanner />
        <StorageProblemBanner />
      </div>
      <main id="main" className="page">
        {/* A screen whose code could not be fetched says so (instead of a blank page); the
            next screen (another address) starts afresh. */}
        <PartBoundary key={location.hash} onRetry={() => location.reload()}>
          <Suspense fallback={<Loading />}>
            <Screen route={route} />
          </Suspense>
        </PartBoundary>
      </main>
      <footer className="app-footer">
        <small data-testid="app-version">{t('footer.version', { version: appVersion })}</small>
      </footer>
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomeScreen />;
    case 'newCommunity':
      return <CreateCommunityScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'community':
      return <CommunityScreen key={route.id} id={route.id} tab={route.tab} />;
    case 'addEvent':
      return <AddEventScreen key={route.id} id={route.id} />;
    case 'event':
      return (
        <EventScreen
          key={`${route.id}/${route.eventId}`}
          id={route.id}
          eventId={route.eventId}
          occurrence={route.occurrence}
        />
      );
    case 'newItem':
      return <NewItemScreen key={route.id} id={route.id} />;
    case 'item':
      return <ItemScreen key={`${route.id}/${route.itemId}`} id={route.id} itemId={route.itemId} />;
    case 'project':
      return (
        <ProjectScreen
          key={`${route.id}/${route.projectId}`}
          id={route.id}
          projectId={route.projectId}
        />
      );
    case 'thread':
      return (
        <ThreadScreen
          key={`${route.id}/${route.threadId}`}
          id={route.id}
          threadId={route.threadId}
        />
      );
    case 'pair':
      return <PairScreen key={route.id} id={route.id} />;
    case 'join':
      return (
        <JoinScreen
          key={route.id}
          id={route.id}
          capability={route.capability}
          invite={route.invite}
        />
      );
    case 'notFound':
      return <NotFoundScreen />;
    default:
      return assertNever(route);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unknown route ${JSON.stringify(value)}`);
}

/** A button, not a `#main` link: the hash is our router. */
function skipToMain() {
  document.querySelector<HTMLElement>('main h1')?.focus();
}

/** Screen-reader and keyboard users land on the new page's heading, not at the top. */
function useFocusHeadingOnRouteChange(route: Route) {
  const key = `${route.name}:${'id' in route ? route.id : ''}`;
  const previous = useRef(key);
  useEffect(() => {
    if (previous.current === key) return;
    previous.current = key;
    window.scrollTo(0, 0);
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) {
      heading.focus();
      return;
    }
    // A screen loaded on demand: its heading arrives once its code has loaded.
    const main = document.getElementById('main');
    if (!main) return;
    const observer = new MutationObserver(() => {
      const arrived = main.querySelector<HTMLElement>('h1');
      if (!arrived) return;
      observer.disconnect();
      arrived.focus();
    });
    observer.observe(main, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [key]);
}
