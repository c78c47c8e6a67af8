import { type Task, type TaskId, TaskStatus } from '@ensemble/shared';

export const COLUMNS: readonly TaskStatus[] = [TaskStatus.todo, TaskStatus.doing, TaskStatus.done];

export type Columns = Readonly<Record<TaskStatus, readonly Task[]>>;

export const MoveDirection = {
  up: 'up',
  down: 'down',
  left: 'left',
  right: 'right',
  top: 'top',
  bottom: 'bottom',
} as const;
export type MoveDirection = (typeof MoveDirection)[keyof typeof MoveDirection];

/** A move as the domain takes it: the target column and the index in it without the task. */
export interface BoardMove {
  readonly taskId: TaskId;
  readonly status: TaskStatus;
  readonly index: number;
}

/** Where a task is: its column and its index there. */
export function locate(
  columns: Columns,
  taskId: TaskId,
): { status: TaskStatus; index: number } | undefined {
  for (const status of COLUMNS) {
    const index = columns[status].findIndex((task) => task.id === taskId);
    if (index >= 0) return { status, index };
  }
  return undefined;
}

/**
 * The move a key asks for, or undefined when the task is already at that edge. Up and
 * down change its place in its column; left and right take it to the neighbouring column
 * at the same height (or its end); Home and End to the top or bottom of its column.
 */
export function keyboardMove(
  columns: Columns,
  taskId: TaskId,
  direction: MoveDirection,
): BoardMove | undefined {
  const at = locate(columns, taskId);
  if (!at) return undefined;
  const length = columns[at.status].length;
  const column = COLUMNS.indexOf(at.status);
  switch (direction) {
    case MoveDirection.up:
      return at.index > 0 ? { taskId, status: at.status, index: at.index - 1 } : undefined;
    case MoveDirection.down:
      return at.index < length - 1 ? { taskId, status: at.status, index: at.index + 1 } : undefined;
    case MoveDirection.top:
      return at.index > 0 ? { taskId, status: at.status, index: 0 } : undefined;
    case MoveDirection.bottom:
      return at.index < length - 1 ? { taskId, status: at.status, index: length - 1 } : undefined;
    case MoveDirection.left:
    case MoveDirection.right: {
      const target = COLUMNS[column + (direction === MoveDirection.left ? -1 : 1)];
      if (!target) return undefined;
      return { taskId, status: target, index: Math.min(at.index, columns[target].length) };
    }
    default:
      return assertNever(direction);
  }
}

/** The direction of a key on a task's handle (undefined for other keys). */
export function directionOfKey(key: string): MoveDirection | undefined {
  switch (key) {
    case 'ArrowUp':
      return MoveDirection.up;
    case 'ArrowDown':
      return MoveDirection.down;
    case 'ArrowLeft':
      return MoveDirection.left;
    case 'ArrowRight':
      return MoveDirection.right;
    case 'Home':
      return MoveDirection.top;
    case 'End':
      return MoveDirection.bottom;
    default:
      return undefined;
  }
}

/**
 * Where a dragged task lands in a column, from the pointer's height and the vertical
 * middles of the column's other cards (in order): before the first card whose middle is
 * below the pointer.
 */
export function dropIndex(middles: readonly number[], pointerY: number): number {
  const index = middles.findIndex((middle) => pointerY < middle);
  return index < 0 ? middles.length : index;
}

/** The board after a move, for showing it at once and announcing the new place. */
export function applyMove(columns: Columns, move: BoardMove): Columns {
  const task = COLUMNS.flatMap((status) => columns[status]).find((t) => t.id === move.taskId);
  if (!task) return columns;
  const next = Object.fromEntries(
    COLUMNS.map((status) => [status, columns[status].filter((t) => t.id !== move.taskId)]),
  ) as Record<TaskStatus, Task[]>;
  next[move.status].splice(move.index, 0, { ...task, status: move.status });
  return next;
}

function assertNever(value: never): never {
  throw new Error(`Unknown move ${String(value)}`);
}
