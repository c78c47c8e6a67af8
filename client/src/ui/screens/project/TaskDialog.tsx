import type { DomainError, MemberId, ProjectChange, Task, TaskStatus } from '@ensemble/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useMessages } from '../../../i18n/featureMessages';
import { placeError, useErrorMessages } from '../../domainErrors';
import { Field } from '../../Field';
import { COLUMNS } from './boardMoves';
import { projectMessages } from './messages';
import type { Person } from './people';

/**
 * A task's details in a modal dialog: title, description, column, assignees, due date,
 * archive or restore. Only the fields changed here are written, so what someone else
 * changed meanwhile in another field is kept.
 */
export function TaskDialog(props: {
  task: Task;
  readOnly: boolean;
  candidates: readonly Person[];
  names: (id: string) => string;
  apply: (change: ProjectChange) => DomainError | undefined;
  onClose: () => void;
}) {
  const pt = useMessages(projectMessages);
  const errorT = useErrorMessages();
  const { task } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const [initial] = useState(() => task);
  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description);
  const [status, setStatus] = useState<TaskStatus>(task.status);
  const [assignees, setAssignees] = useState<readonly MemberId[]>(task.assignees);
  const [due, setDue] = useState(task.due ?? '');
  const [error, setError] = useState<DomainError>();
  const placed = placeError(errorT, error, ['title', 'description', 'due', 'assignees']);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  function save(event: FormEvent) {
    event.preventDefault();
    const patch: {
      title?: string;
      description?: string;
      due?: string | null;
      assignees?: readonly MemberId[];
    } = {};
    if (title !== initial.title) patch.title = title;
    if (description !== initial.description) patch.description = description;
    if ((due || null) !== initial.due) patch.due = due || null;
    if (assignees.join() !== initial.assignees.join()) patch.assignees = assignees;
    if (Object.keys(patch).length > 0) {
      const failed = props.apply({ type: 'updateTask', taskId: task.id, ...patch });
      if (failed) return setError(failed);
    }
    if (status !== task.status) {
      const failed = props.apply({ type: 'moveTask', taskId: task.id, status, index: 1e9 });
      if (failed) return setError(failed);
    }
    props.onClose();
  }

  function archive(archived: boolean) {
    const failed = props.apply({ type: 'archiveTask', taskId: task.id, archived });
    if (failed) setError(failed);
    else props.onClose();
  }

  const toggle = (id: MemberId, on: boolean) =>
    setAssignees((current) =>
      on ? [...new Set([...current, id])].sort() : current.filter((a) => a !== id),
    );
  const people = [...props.candidates];
  for (const id of assignees) {
    if (!people.some((p) => p.id === id)) people.push({ id, name: props.names(id) });
  }

  return (
    <dialog
      ref={dialog}
      className="task-dialog"
      aria-labelledby="task-dialog-title"
      data-testid="task-dialog"
      onClose={props.onClose}
    >
      <form className="form" onSubmit={save} noValidate>
        <h2 id="task-dialog-title">{pt('task.title')}</h2>
        {task.archived ? <p className="banner banner-info">{pt('task.archivedNote')}</p> : null}
        <fieldset disabled={props.readOnly}>
          <Field
            id="task-title"
            label={pt('task.titleField')}
            value={title}
            onChange={setTitle}
            testId="task-title-input"
            error={placed.byField.title}
            maxLength={200}
          />
          <Field
            id="task-description"
            label={pt('task.description')}
            value={description}
            onChange={setDescription}
            testId="task-description-input"
            error={placed.byField.description}
            multiline
            optional
          />
          <div className="field">
            <label htmlFor="task-status">{pt('task.status')}</label>
            <select
              id="task-status"
              value={status}
              data-testid="task-status"
              onChange={(event) => setStatus(event.target.value as TaskStatus)}
            >
              {COLUMNS.map((column) => (
                <option key={column} value={column}>
                  {pt(`board.column.${column}`)}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="assignees" data-testid="task-assignees">
            <legend>{pt('task.assignees')}</legend>
            {people.length === 0 ? <p className="muted">{pt('task.noCandidates')}</p> : null}
            {people.map((person) => (
              <label key={person.id} className="check">
                <input
                  type="checkbox"
                  checked={assignees.includes(person.id)}
                  onChange={(event) => toggle(person.id, event.target.checked)}
                />
                {person.name}
              </label>
            ))}
            {placed.byField.assignees ? (
              <p className="field-error">{placed.byField.assignees}</p>
            ) : null}
          </fieldset>
          <Field
            id="task-due"
            label={pt('task.due')}
            value={due}
            onChange={setDue}
            type="date"
            testId="task-due-input"
            error={placed.byField.due}
            optional
          />
          {due ? (
            <button type="button" className="button-secondary" onClick={() => setDue('')}>
              {pt('task.clearDue')}
            </button>
          ) : null}
        </fieldset>
        {placed.general ? (
          <p className="form-error" role="alert">
            {placed.general}
          </p>
        ) : null}
        <p className="muted small">{pt('task.createdBy', { name: props.names(task.createdBy) })}</p>
        <div className="form-actions">
          {props.readOnly ? null : (
            <button type="submit" className="button" data-testid="task-save">
              {pt('task.save')}
            </button>
          )}
          <button type="button" className="button-secondary" onClick={props.onClose}>
            {pt('task.close')}
          </button>
        </div>
        {props.readOnly ? null : (
          <p>
            <button
              type="button"
              className="button-secondary"
              data-testid={task.archived ? 'task-restore' : 'task-archive'}
              onClick={() => archive(!task.archived)}
            >
              {pt(task.archived ? 'task.restore' : 'task.archive')}
            </button>
          </p>
        )}
      </form>
    </dialog>
  );
}
