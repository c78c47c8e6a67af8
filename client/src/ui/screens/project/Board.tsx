import type { ProjectChange, ProjectSnapshot, Task, TaskId } from '@ensemble/shared';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useMessages } from '../../../i18n/featureMessages';
import {
  applyMove,
  type BoardMove,
  COLUMNS,
  type Columns,
  directionOfKey,
  keyboardMove,
  locate,
  MoveDirection,
} from './boardMoves';
import { projectMessages } from './messages';
import { TaskCard } from './TaskCard';
import { useBoardDrag } from './useBoardDrag';

export interface BoardProps {
  readonly snapshot: ProjectSnapshot;
  readonly readOnly: boolean;
  readonly names: (id: string) => string;
  /** Applies a change; returns an error message to show, if refused. */
  readonly apply: (change: ProjectChange) => string | undefined;
  readonly onOpen: (id: TaskId) => void;
}

/** The todo / doing / done columns: stacked on a phone, side by side when there is room. */
export function Board(props: BoardProps) {
  const pt = useMessages(projectMessages);
  const { columns } = props.snapshot;
  const [announcement, setAnnouncement] = useState('');
  const [focusTask, setFocusTask] = useState<TaskId>();
  const today = new Date().toISOString().slice(0, 10);

  function move(change: BoardMove, byKeyboard: boolean) {
    const before = locate(columns, change.taskId);
    const task = findTask(columns, change.taskId);
    if (!task || !before) return;
    if (before.status === change.status && before.index === change.index) return;
    const error = props.apply({ type: 'moveTask', ...change });
    if (error) {
      setAnnouncement(error);
      return;
    }
    const after = applyMove(columns, change);
    setAnnouncement(
      pt('board.moved', {
        title: task.title,
        column: pt(`board.column.${change.status}`),
        position: change.index + 1,
        count: after[change.status].length,
      }),
    );
    if (byKeyboard) setFocusTask(change.taskId);
  }

  const { drag, handlers } = useBoardDrag(
    (change) => move(change, false),
    (id) => {
      const task = findTask(columns, id);
      if (task) setAnnouncement(pt('board.dragging', { title: task.title }));
    },
  );

  // Keyboard moves keep the focus on the moved task's handle, even in its new column.
  useEffect(() => {
    if (!focusTask) return;
    document.querySelector<HTMLElement>(`[data-handle="${focusTask}"]`)?.focus();
    setFocusTask(undefined);
  }, [focusTask]);

  function onKeyDown(task: Task, event: KeyboardEvent<HTMLButtonElement>) {
    const direction = directionOfKey(event.key);
    if (!direction) return;
    event.preventDefault();
    const change = keyboardMove(columns, task.id, direction);
    if (!change) {
      setAnnouncement(pt('board.cannotMove', { title: task.title, where: pt(edgeKey(direction)) }));
      return;
    }
    move(change, true);
  }

  return (
    <section className="board-section" aria-labelledby="board-title">
      <h2 id="board-title">{pt('board.title')}</h2>
      {props.readOnly ? null : <AddTask apply={props.apply} />}
      <p id="board-help" className="muted small board-help">
        {pt('board.help')}
      </p>
      <p className="visually-hidden" role="status" aria-live="assertive" data-testid="board-live">
        {announcement}
      </p>
      <div className={drag ? 'board board-dragging' : 'board'} data-testid="board">
        {COLUMNS.map((status) => (
          <section
            key={status}
            className={
              drag?.target?.status === status ? 'board-column drop-target' : 'board-column'
            }
            data-column={status}
            data-testid={`column-${status}`}
            aria-labelledby={`column-${status}-title`}
          >
            <h3 id={`column-${status}-title`}>
              {pt(`board.column.${status}`)}{' '}
              <span className="column-count">({columns[status].length})</span>
            </h3>
            <ol className="task-list">
              {columns[status].map((task) => (
                <DropSlot key={task.id} show={dropsBefore(drag, status, columns, task.id)}>
                  <TaskCard
                    task={task}
                    drag={drag}
                    readOnly={props.readOnly}
                    names={props.names}
                    today={today}
                    handlers={handlers(task.id)}
                    onKeyDown={(event) => onKeyDown(task, event)}
                    onOpen={() => props.onOpen(task.id)}
                  />
                </DropSlot>
              ))}
              {drag?.target?.status === status &&
              drag.target.index >= columns[status].filter((t) => t.id !== drag.taskId).length ? (
                <li className="drop-indicator" aria-hidden="true" />
              ) : null}
            </ol>
            {columns[status].length === 0 && !drag ? (
              <p className="muted small column-empty">{pt('board.emptyColumn')}</p>
            ) : null}
          </section>
        ))}
      </div>
    </section>
  );
}

function DropSlot(props: { show: boolean; children: React.ReactNode }) {
  return (
    <>
      {props.show ? <li className="drop-indicator" aria-hidden="true" /> : null}
      {props.children}
    </>
  );
}

/** True when the drop indicator goes right before `taskId` (indices count without the dragged task). */
function dropsBefore(
  drag: ReturnType<typeof useBoardDrag>['drag'],
  status: string,
  columns: Columns,
  taskId: TaskId,
): boolean {
  if (!drag?.target || drag.target.status !== status || taskId === drag.taskId) return false;
  const others = columns[drag.target.status].filter((t) => t.id !== drag.taskId);
  return others[drag.target.index]?.id === taskId;
}

function findTask(columns: Columns, id: TaskId): Task | undefined {
  return COLUMNS.flatMap((status) => columns[status]).find((task) => task.id === id);
}

function edgeKey(direction: MoveDirection) {
  switch (direction) {
    case MoveDirection.up:
    case MoveDirection.top:
      return 'board.edgeTop' as const;
    case MoveDirection.down:
    case MoveDirection.bottom:
      return 'board.edgeBottom' as const;
    case MoveDirection.left:
      return 'board.edgeLeft' as const;
    case MoveDirection.right:
      return 'board.edgeRight' as const;
    default:
      throw new Error(`Unknown direction ${String(direction satisfies never)}`);
  }
}

function AddTask(props: { apply: BoardProps['apply'] }) {
  const pt = useMessages(projectMessages);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string>();
  const input = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const failure = props.apply({ type: 'addTask', title });
    setError(failure);
    if (!failure) setTitle('');
    input.current?.focus();
  }

  return (
    <form className="add-task" onSubmit={submit} noValidate>
      <label htmlFor="new-task-title" className="visually-hidden">
        {pt('board.addTaskLabel')}
      </label>
      <input
        id="new-task-title"
        ref={input}
        value={title}
        placeholder={pt('board.addTask')}
        maxLength={200}
        autoComplete="off"
        data-testid="task-new-title"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'new-task-error' : undefined}
        onChange={(event) => setTitle(event.target.value)}
      />
      <button type="submit" className="button" data-testid="task-add">
        {pt('board.addTaskSubmit')}
      </button>
      {error ? (
        <p className="field-error" id="new-task-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
