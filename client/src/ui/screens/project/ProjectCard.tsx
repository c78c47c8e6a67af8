import {
  type CommunityId,
  decodeHlc,
  type ProjectIndexEntry,
  type ProjectSnapshot,
} from '@ensemble/shared';
import { useCommunity, useStore } from '../../../app/hooks';
import {
  useProjectRepository,
  useProjectSession,
  useProjectView,
} from '../../../app/project/hooks';
import { useServices } from '../../../app/services';
import { type FeatureTranslate, useMessages } from '../../../i18n/featureMessages';
import { useI18n } from '../../../i18n/I18nProvider';
import type { Language } from '../../../i18n/i18n';
import { paths } from '../../../router/routes';
import { type ProjectMessageKey, projectMessages } from './messages';
import { personName } from './people';

/** One project of the list; `live` ones are opened (and kept syncing) for their counts. */
export function ProjectCard(props: {
  communityId: CommunityId;
  entry: ProjectIndexEntry;
  live: boolean;
}) {
  const { entry } = props;
  return (
    <li className="card project-card" data-testid="project-item" data-project-id={entry.id}>
      <a className="card-link card-title" href={paths.project(props.communityId, entry.id)}>
        {entry.title}
      </a>
      {entry.summary ? <p className="card-meta">{entry.summary}</p> : null}
      {props.live ? <LiveFacts communityId={props.communityId} entry={entry} /> : null}
    </li>
  );
}

function LiveFacts(props: { communityId: CommunityId; entry: ProjectIndexEntry }) {
  const pt = useMessages(projectMessages);
  const { language } = useI18n();
  const session = useProjectSession(props.communityId, props.entry.id);
  const view = useProjectView(session);
  if (view.status === 'opening') return null;
  if (view.status === 'waiting')
    return <p className="card-meta muted">{pt('projects.notLoaded')}</p>;
  const { snapshot } = view;
  return (
    <>
      <p className="card-meta" data-testid="project-counts">
        {pt('projects.counts', {
          todo: snapshot.columns.todo.length,
          doing: snapshot.columns.doing.length,
          done: snapshot.columns.done.length,
        })}
      </p>
      <LastActivity
        communityId={props.communityId}
        snapshot={snapshot}
        pt={pt}
        language={language}
      />
    </>
  );
}

function LastActivity(props: {
  communityId: CommunityId;
  snapshot: ProjectSnapshot;
  pt: FeatureTranslate<ProjectMessageKey>;
  language: Language;
}) {
  const { pt } = props;
  const community = useCommunity(props.communityId);
  const projects = useProjectRepository();
  const myName = useStore(useServices().displayName);
  const last = props.snapshot.activity[0];
  if (!last) return null;
  const who = personName(
    pt,
    community.status === 'ready' ? community.snapshot : undefined,
    projects.knownNames,
    last.by,
    projects.selfIn(props.communityId),
    myName,
  );
  const what = activityText(pt, last.change);
  const at = decodeHlc(last.at)?.wallMs;
  return (
    <p className="card-meta muted" data-testid="project-activity">
      {pt('projects.lastActivity', {
        who: `${who} ${what}`,
        when: at === undefined ? '' : relativeTime(at, props.language),
      })}
    </p>
  );
}

export function activityText(pt: FeatureTranslate<ProjectMessageKey>, change: string): string {
  switch (change) {
    case 'addTask':
    case 'updateTask':
    case 'moveTask':
    case 'archiveTask':
    case 'createProject':
    case 'updateProject':
      return pt(`activity.${change}`);
    default:
      return pt('activity.other');
  }
}

/** "il y a 5 minutes", "hier"… */
export function relativeTime(atMs: number, language: Language, now = Date.now()): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const seconds = Math.round((atMs - now) / 1000);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 30],
    ['month', 12],
  ];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size)
      return format.format(unit === 'second' ? Math.min(value, 0) : value, unit);
    value = Math.round(value / size);
  }
  return format.format(value, 'year');
}
