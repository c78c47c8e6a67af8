import type { Task } from '@ensemble/shared';
import type { KeyboardEvent, PointerEvent } from 'react';
import { useMessages } from '../../../i18n/featureMessages';
import { useI18n } from '../../../i18n/I18nProvider';
import { projectMessages } from './messages';
import type { DragState } from './useBoardDrag';

export interface CardHandlers {
  onPointerDown: (event: PointerEvent<HTMLElement>) => void;
  onPointerMove: (event: PointerEvent<HTMLElement>) => void;
  onPointerUp: (event: PointerEvent<HTMLElement>) => void;
  onPointerCancel: () => void;
  onLostPointerCapture: () => void;
}

/** A task on the board: a handle to move it (drag or arrow keys) and a button to open it. */
export function TaskCard(props: {
  task: Task;
  drag: DragState | undefined;
  readOnly: boolean;
  names: (id: string) => string;
  today: string;
  handlers: CardHandlers;
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
  onOpen: () => void;
}) {
  const pt = useMessages(projectMessages);
  const { language } = useI18n();
  const { task, drag } = props;
  const dragging = drag?.taskId === task.id;
  const due = task.due ? formatDay(task.due, language) : undefined;
  const overdue = task.due !== null && task.status !== 'done' && task.due < props.today;
  return (
    <li
      className={dragging ? 'task-card task-dragging' : 'task-card'}
      data-task-id={task.id}
      data-testid="task-card"
      data-dragging={dragging ? 'true' : undefined}
      style={dragging ? { transform: `translate(${drag.dx}px, ${drag.dy}px)` } : undefined}
    >
      {props.readOnly ? null : (
        <button
          type="button"
          className="task-handle"
          data-handle={task.id}
          data-testid="task-handle"
          aria-label={pt('board.handle', { title: task.title })}
          aria-describedby="board-help"
          onKeyDown={props.onKeyDown}
          {...props.handlers}
        >
          <span aria-hidden="true">⠿</span>
        </button>
      )}
      <button
        type="button"
        className="task-open"
        data-testid="task-open"
        aria-haspopup="dialog"
        onClick={props.onOpen}
      >
        <span className="task-title" data-testid="task-title">
          {task.title}
        </span>
        {due || task.assignees.length > 0 ? (
          <span className="task-meta">
            {due ? (
              <span className={overdue ? 'task-due task-overdue' : 'task-due'}>
                {pt(overdue ? 'board.overdue' : 'board.due', { date: due })}
              </span>
            ) : null}
            {task.assignees.length > 0 ? (
              <span className="task-assignees">
                {pt('board.assignees', { names: task.assignees.map(props.names).join(', ') })}
              </span>
            ) : null}
          </span>
        ) : null}
      </button>
    </li>
  );
}

/** "12 juin" for a calendar date (no time zone shift: it is a date, not an instant). */
export function formatDay(day: string, language: string): string {
  const [year, month, date] = day.split('-').map(Number);
  const utc = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, date ?? 1));
  return new Intl.DateTimeFormat(language, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(utc);
}
