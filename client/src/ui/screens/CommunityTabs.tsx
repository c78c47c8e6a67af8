import type { CommunityId } from '@ensemble/shared';
import { Suspense } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { COMMUNITY_TABS, CommunityTab, paths } from '../../router/routes';
import { Loading } from '../Loading';
import { lazyScreen } from '../lazyScreen';
import type { CommunityTabProps } from './tabProps';

const ItemsTab = lazyScreen<CommunityTabProps>(() =>
  import('./items/ItemsTab').then((module) => module.ItemsTab),
);
const ProjectsTab = lazyScreen<CommunityTabProps>(() =>
  import('./project/ProjectsTab').then((module) => module.ProjectsTab),
);
const DiscussionsTab = lazyScreen<CommunityTabProps>(() =>
  import('./discussions/DiscussionsTab').then((module) => module.DiscussionsTab),
);
const MembersTab = lazyScreen<CommunityTabProps>(() =>
  import('./members/MembersTab').then((module) => module.MembersTab),
);

/** The community's sections, as links (each has its own address, so back and reload work). */
export function CommunityTabs(props: { id: CommunityId; current: CommunityTab }) {
  const { t } = useI18n();
  return (
    <nav className="community-tabs" aria-label={t('tabs.label')}>
      <ul>
        {COMMUNITY_TABS.map((tab) => (
          <li key={tab}>
            <a
              href={paths.community(props.id, tab)}
              data-testid={`tab-link-${tab}`}
              aria-current={tab === props.current ? 'page' : undefined}
            >
              {t(`tabs.${tab}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Every tab but the events one: its code and texts load when it is first opened. */
export function TabPanel(props: CommunityTabProps & { tab: CommunityTab }) {
  const { tab, ...rest } = props;
  return (
    <div className="tab-panel" data-testid={`tab-${tab}`}>
      <Suspense fallback={<Loading />}>
        <Tab tab={tab} {...rest} />
      </Suspense>
    </div>
  );
}

function Tab(props: CommunityTabProps & { tab: CommunityTab }) {
  const { tab, ...rest } = props;
  switch (tab) {
    case CommunityTab.items:
      return <ItemsTab {...rest} />;
    case CommunityTab.projects:
      return <ProjectsTab {...rest} />;
    case CommunityTab.discussions:
      return <DiscussionsTab {...rest} />;
    case CommunityTab.members:
      return <MembersTab {...rest} />;
    case CommunityTab.events:
      return null;
    default:
      return assertNever(tab);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unknown tab ${String(value)}`);
}
