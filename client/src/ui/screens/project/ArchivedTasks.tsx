import { type CrdtDocument, columnOf, type ProjectChange, type TaskId } from '@ensemble/shared';
import { useMessages } from '../../../i18n/featureMessages';
import { COLUMNS } from './boardMoves';
import { projectMessages } from './messages';

/** Tasks archived (soft-deleted): kept in the document, listed here to be restored. */
export function ArchivedTasks(props: {
  document: CrdtDocument;
  /** Changes with the snapshot: the list is read again then. */
  version: unknown;
  readOnly: boolean;
  apply: (change: ProjectChange) => string | undefined;
  onOpen: (id: TaskId) => void;
}) {
  const pt = useMessages(projectMessages);
  const archived = COLUMNS.flatMap((status) =>
    columnOf(props.document, status, true).filter((task) => task.archived),
  );
  if (archived.length === 0) return null;
  return (
    <details className="archived" data-testid="tasks-archived">
      <summary>{pt('board.archived', { count: archived.length })}</summary>
      <ul className="archived-list">
        {archived.map((task) => (
          <li key={task.id} data-testid="archived-task">
            <button type="button" className="link-button" onClick={() => props.onOpen(task.id)}>
              {task.title}
            </button>
            {props.readOnly ? null : (
              <button
                type="button"
                className="button-secondary"
                aria-label={pt('board.restoreNamed', { title: task.title })}
                onClick={() =>
                  props.apply({ type: 'archiveTask', taskId: task.id, archived: false })
                }
              >
                {pt('board.restore')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
