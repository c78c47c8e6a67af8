import {
  type CommunityId,
  type CommunitySnapshot,
  columnOf,
  listProjects,
  type ProjectChange,
  type ProjectId,
  type ProjectSnapshot,
  type Task,
  type TaskId,
} from '@ensemble/shared';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useCommunity, useStore } from '../../../app/hooks';
import {
  usePeers,
  useProjectRepository,
  useProjectSession,
  useProjectView,
} from '../../../app/project/hooks';
import type { ProjectSession } from '../../../app/project/ProjectSession';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import { CommunityTab, paths } from '../../../router/routes';
import { domainErrorMessage, useErrorMessages } from '../../domainErrors';
import { useDocumentTitle } from '../../useDocumentTitle';
import { RelayRefusalBanner } from '../RelayRefusalBanner';
import { ArchivedTasks } from './ArchivedTasks';
import { Board } from './Board';
import { projectMessages } from './messages';
import { PresenceBar } from './PresenceBar';
import { assigneeCandidates, personName, presenceColor } from './people';
import { TaskDialog } from './TaskDialog';
import './project.css';

// TipTap and its ProseMirror binding load only when a project's notes are shown.
const NotesEditor = lazy(() =>
  import('./NotesEditor').then((module) => ({ default: module.NotesEditor })),
);

/** A project's page: who is here, the board of tasks, and the collaborative notes. */
export function ProjectScreen(props: { id: CommunityId; projectId: string }) {
  const pt = useMessages(projectMessages);
  const { repository, network } = useServices();
  const online = useStore(network);
  const projectId = props.projectId as ProjectId;
  const community = useCommunity(props.id);
  const session = useProjectSession(props.id, projectId);
  const view = useProjectView(session);
  const communitySnapshot = community.status === 'ready' ? community.snapshot : undefined;
  const entry =
    community.status === 'ready'
      ? listProjects(community.document).find((p) => p.id === projectId)
      : undefined;
  const snapshot = view.status === 'ready' ? view.snapshot : undefined;
  useDocumentTitle(snapshot?.title ?? entry?.title ?? pt('project.loading'));

  const back = (
    <p className="back-link">
      <a href={paths.community(props.id, CommunityTab.projects)}>
        ← {pt('project.back', { name: communitySnapshot?.profile.name ?? '…' })}
      </a>
    </p>
  );
  if (view.status !== 'ready' || !snapshot) {
    const known = entry !== undefined || community.status !== 'ready';
    return (
      <>
        {back}
        <h1 tabIndex={-1} data-testid="project-loading">
          {entry?.title ?? (known ? pt('project.loading') : pt('project.notFound'))}
        </h1>
        <RelayRefusalBanner id={props.id} />
        {view.status === 'waiting' ? (
          <p className="banner banner-info" role="status">
            {known
              ? pt(online ? 'project.waiting' : 'project.waitingOffline')
              : pt('project.notFoundBody')}
          </p>
        ) : null}
      </>
    );
  }
  const readOnly = view.access.mode === 'read-only' || community.status !== 'ready';
  return (
    <>
      {back}
      <h1 tabIndex={-1} data-testid="project-title">
        {snapshot.title}
      </h1>
      {snapshot.summary ? <p className="project-summary">{snapshot.summary}</p> : null}
      <RelayRefusalBanner id={props.id} />
      {view.access.mode === 'read-only' ? (
        <p className="banner banner-warning" role="status">
          {pt('project.readOnly')}
        </p>
      ) : null}
      {entry?.archived ? (
        <p className="banner banner-info">{pt('project.archivedBanner')}</p>
      ) : null}
      <PresenceBar session={session} />
      <ProjectBody
        session={session}
        community={communitySnapshot}
        snapshot={snapshot}
        readOnly={readOnly}
      />
      {readOnly || !entry ? null : (
        <p className="project-footer">
          <button
            type="button"
            className="button-secondary"
            data-testid="project-archive"
            onClick={() =>
              repository.change(props.id, {
                type: 'updateProjectIndex',
                projectId,
                archived: !entry.archived,
              })
            }
          >
            {pt(entry.archived ? 'projects.restore' : 'projects.archive')}
          </button>
        </p>
      )}
    </>
  );
}

function ProjectBody(props: {
  session: ProjectSession;
  community: CommunitySnapshot | undefined;
  snapshot: ProjectSnapshot;
  readOnly: boolean;
}) {
  const pt = useMessages(projectMessages);
  const errorT = useErrorMessages();
  const projects = useProjectRepository();
  const myName = useStore(useServices().displayName);
  const peers = usePeers(props.session);
  const [openTask, setOpenTask] = useState<TaskId>();
  const me = projects.selfIn(props.session.communityId);
  const { snapshot, session } = props;
  const names = (id: string) =>
    personName(pt, props.community, projects.knownNames, id, me, myName);
  const apply = (change: ProjectChange) => {
    const result = projects.change(session.id, change);
    return result.ok ? undefined : result.error;
  };
  const user = useMemo(
    () => ({ id: me, name: myName || pt('presence.anonymous'), color: presenceColor(me) }),
    [me, myName, pt],
  );
  const document = session.document;
  const task: Task | undefined =
    openTask && document
      ? [
          ...columnOf(document, 'todo', true),
          ...columnOf(document, 'doing', true),
          ...columnOf(document, 'done', true),
        ].find((candidate) => candidate.id === openTask)
      : undefined;
  const binding = session.notes;

  return (
    <>
      <Board
        snapshot={snapshot}
        readOnly={props.readOnly}
        names={names}
        apply={(change) => {
          const error = apply(change);
          return error ? domainErrorMessage(errorT, error) : undefined;
        }}
        onOpen={setOpenTask}
      />
      {document ? (
        <ArchivedTasks
          document={document}
          version={snapshot}
          readOnly={props.readOnly}
          apply={(change) => {
            const error = apply(change);
            return error ? domainErrorMessage(errorT, error) : undefined;
          }}
          onOpen={setOpenTask}
        />
      ) : null}
      {task ? (
        <TaskDialog
          key={task.id}
          task={task}
          readOnly={props.readOnly}
          candidates={assigneeCandidates(
            pt,
            props.community,
            snapshot,
            projects.knownNames,
            peers,
            me,
            myName,
          )}
          names={names}
          apply={apply}
          onClose={() => setOpenTask(undefined)}
        />
      ) : null}
      <section className="notes-section" aria-labelledby="notes-title">
        <h2 id="notes-title">{pt('notes.title')}</h2>
        {binding ? (
          <Suspense fallback={<p className="muted">{pt('notes.loading')}</p>}>
            <NotesEditor binding={binding} user={user} readOnly={props.readOnly} />
          </Suspense>
        ) : null}
      </section>
    </>
  );
}
