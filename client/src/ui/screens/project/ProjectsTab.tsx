import { type DomainError, listProjects, type ProjectIndexEntry } from '@ensemble/shared';
import { type FormEvent, useId, useMemo, useRef, useState } from 'react';
import { useProjectRepository } from '../../../app/project/hooks';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import { useI18n } from '../../../i18n/I18nProvider';
import { paths } from '../../../router/routes';
import { placeError, useErrorMessages } from '../../domainErrors';
import { Field } from '../../Field';
import type { CommunityTabProps } from '../tabProps';
import { projectMessages } from './messages';
import { ProjectCard } from './ProjectCard';
import './project.css';

/** Projects kept open (and syncing) from the list: enough for a fair, bounded for a city. */
const OPEN_FROM_LIST = 12;

/** The community's projects (task counts, recent activity) and a form to start one. */
export function ProjectsTab(props: CommunityTabProps) {
  const pt = useMessages(projectMessages);
  // The document is mutable: the snapshot changes with every change of the community.
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed per snapshot
  const entries = useMemo(() => listProjects(props.document), [props.document, props.snapshot]);
  const active = entries.filter((entry) => !entry.archived);
  const archived = entries.filter((entry) => entry.archived);

  return (
    <section className="projects" aria-labelledby="projects-title">
      <h2 id="projects-title">{pt('projects.title')}</h2>
      <p className="muted">{pt('projects.intro')}</p>
      {props.readOnly ? null : <NewProjectForm {...props} />}
      {active.length === 0 ? (
        <p className="empty-state" data-testid="projects-empty">
          {pt('projects.empty')}
        </p>
      ) : (
        <ul className="card-list" data-testid="project-list">
          {active.map((entry, index) => (
            <ProjectCard
              key={entry.id}
              communityId={props.id}
              entry={entry}
              live={index < OPEN_FROM_LIST}
            />
          ))}
        </ul>
      )}
      {archived.length > 0 ? <ArchivedProjects {...props} entries={archived} /> : null}
    </section>
  );
}

function NewProjectForm(props: CommunityTabProps) {
  const pt = useMessages(projectMessages);
  const { t } = useI18n();
  const errorT = useErrorMessages();
  const { repository } = useServices();
  const projects = useProjectRepository();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<DomainError>();
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const formId = useId();
  const placed = placeError(errorT, error, ['title', 'summary']);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await projects.createProject(props.id, { title, summary });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      titleRef.current?.focus();
      return;
    }
    await repository.whenSaved(props.id).catch(() => undefined);
    window.location.hash = paths.project(props.id, result.value);
  }

  if (!open) {
    return (
      <p>
        <button
          type="button"
          className="button"
          data-testid="project-new"
          aria-expanded="false"
          aria-controls={formId}
          onClick={() => setOpen(true)}
        >
          {pt('projects.create')}
        </button>
      </p>
    );
  }
  return (
    <form
      id={formId}
      className="form project-form"
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <Field
        id="project-title"
        label={pt('projects.titleField')}
        value={title}
        onChange={setTitle}
        testId="project-title-input"
        error={placed.byField.title}
        maxLength={200}
        inputRef={titleRef}
      />
      <Field
        id="project-summary"
        label={pt('projects.summaryField')}
        value={summary}
        onChange={setSummary}
        testId="project-summary-input"
        error={placed.byField.summary}
        optional
      />
      {placed.general ? (
        <p className="form-error" role="alert">
          {placed.general}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button" data-testid="project-create-submit">
          {pt('projects.createSubmit')}
        </button>
        <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function ArchivedProjects(props: CommunityTabProps & { entries: readonly ProjectIndexEntry[] }) {
  const pt = useMessages(projectMessages);
  const { repository } = useServices();
  return (
    <details className="archived" data-testid="projects-archived">
      <summary>{pt('projects.archived', { count: props.entries.length })}</summary>
      <ul className="archived-list">
        {props.entries.map((entry) => (
          <li key={entry.id}>
            <a href={paths.project(props.id, entry.id)}>{entry.title}</a>
            {props.readOnly ? null : (
              <button
                type="button"
                className="button-secondary"
                aria-label={pt('projects.restoreNamed', { title: entry.title })}
                onClick={() =>
                  repository.change(props.id, {
                    type: 'updateProjectIndex',
                    projectId: entry.id,
                    archived: false,
                  })
                }
              >
                {pt('projects.restore')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
