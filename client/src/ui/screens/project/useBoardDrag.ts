import type { TaskId, TaskStatus } from '@ensemble/shared';
import { type PointerEvent as ReactPointerEvent, useEffect, useRef, useState } from 'react';
import { type BoardMove, COLUMNS, dropIndex } from './boardMoves';

/** A drag in progress: the task, how far the pointer went, and where it would land. */
export interface DragState {
  readonly taskId: TaskId;
  readonly dx: number;
  readonly dy: number;
  readonly target: { readonly status: TaskStatus; readonly index: number } | undefined;
}

const THRESHOLD = 6;
const EDGE = 72;

/**
 * Dragging a task by its handle with pointer events (mouse, pen and touch alike: the
 * handle has `touch-action: none`). The drop target comes from the column under the
 * pointer and the middles of its other cards; the page scrolls when the pointer nears an
 * edge, so a task can travel between stacked columns on a phone.
 */
export function useBoardDrag(onDrop: (move: BoardMove) => void, onStart: (id: TaskId) => void) {
  const [drag, setDrag] = useState<DragState>();
  const pending = useRef<{ id: TaskId; x: number; y: number; pointerId: number; started: boolean }>(
    undefined,
  );
  const scrollSpeed = useRef(0);
  const lastPoint = useRef({ x: 0, y: 0 });

  const startScroll = useRef(0);

  function update(current: NonNullable<typeof pending.current>, x: number, y: number) {
    setDrag({
      taskId: current.id,
      dx: x - current.x,
      dy: y - current.y + (window.scrollY - startScroll.current),
      target: targetAt(current.id, x, y),
    });
  }
  const latestUpdate = useRef(update);
  latestUpdate.current = update;

  // While dragging near the top or bottom of the screen, scroll (one loop per drag).
  const draggedId = drag?.taskId;
  useEffect(() => {
    if (!draggedId) return;
    let frame = 0;
    const tick = () => {
      if (scrollSpeed.current !== 0) {
        window.scrollBy(0, scrollSpeed.current);
        const current = pending.current;
        if (current?.started)
          latestUpdate.current(current, lastPoint.current.x, lastPoint.current.y);
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [draggedId]);

  const handlers = (id: TaskId) => ({
    onPointerDown: (event: ReactPointerEvent<HTMLElement>) => {
      if (event.button !== 0) return;
      event.currentTarget.setPointerCapture(event.pointerId);
      pending.current = {
        id,
        x: event.clientX,
        y: event.clientY,
        pointerId: event.pointerId,
        started: false,
      };
      startScroll.current = window.scrollY;
    },
    onPointerMove: (event: ReactPointerEvent<HTMLElement>) => {
      const current = pending.current;
      if (!current || current.pointerId !== event.pointerId) return;
      const far = Math.hypot(event.clientX - current.x, event.clientY - current.y) > THRESHOLD;
      if (!current.started && !far) return;
      if (!current.started) {
        current.started = true;
        onStart(id);
      }
      lastPoint.current = { x: event.clientX, y: event.clientY };
      scrollSpeed.current =
        event.clientY < EDGE ? -12 : event.clientY > window.innerHeight - EDGE ? 12 : 0;
      update(current, event.clientX, event.clientY);
    },
    onPointerUp: (event: ReactPointerEvent<HTMLElement>) => {
      const current = pending.current;
      if (!current || current.pointerId !== event.pointerId) return;
      const target = current.started
        ? targetAt(current.id, event.clientX, event.clientY)
        : undefined;
      finish();
      if (target) onDrop({ taskId: current.id, status: target.status, index: target.index });
    },
    onPointerCancel: () => finish(),
    onLostPointerCapture: () => {
      if (pending.current?.started) finish();
    },
  });

  function finish() {
    pending.current = undefined;
    scrollSpeed.current = 0;
    setDrag(undefined);
  }

  return { drag, handlers, cancel: finish };
}

/** The column under the point and the index the task would take there (without itself). */
function targetAt(
  id: TaskId,
  x: number,
  y: number,
): { status: TaskStatus; index: number } | undefined {
  const column = document
    .elementsFromPoint(x, y)
    // The dragged card follows the pointer: look through it.
    .filter((element) => !element.closest('[data-dragging="true"]'))
    .map((element) => element.closest<HTMLElement>('[data-column]'))
    .find((element): element is HTMLElement => element !== null);
  const status = column?.dataset.column as TaskStatus | undefined;
  if (!column || !status || !COLUMNS.includes(status)) return undefined;
  const middles = [...column.querySelectorAll<HTMLElement>('[data-task-id]')]
    .filter((card) => card.dataset.taskId !== id)
    .map((card) => {
      const rect = card.getBoundingClientRect();
      return rect.top + rect.height / 2;
    });
  return { status, index: dropIndex(middles, y) };
}
