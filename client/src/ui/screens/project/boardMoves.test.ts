import type { Task, TaskId, TaskStatus } from '@ensemble/shared';
import { describe, expect, it } from 'vitest';
import {
  applyMove,
  type Columns,
  directionOfKey,
  dropIndex,
  keyboardMove,
  MoveDirection,
} from './boardMoves';

const task = (id: string, status: TaskStatus): Task =>
  ({ id: id as TaskId, title: id, status, order: 'a0', archived: false }) as Task;

const board: Columns = {
  todo: [task('a', 'todo'), task('b', 'todo'), task('c', 'todo')],
  doing: [task('d', 'doing')],
  done: [],
};
const id = (value: string) => value as TaskId;

describe('keyboard reorder on the board', () => {
  it('moves a task up and down within its column, and says no at the edges', () => {
    expect(keyboardMove(board, id('b'), MoveDirection.up)).toEqual({
      taskId: 'b',
      status: 'todo',
      index: 0,
    });
    expect(keyboardMove(board, id('b'), MoveDirection.down)).toEqual({
      taskId: 'b',
      status: 'todo',
      index: 2,
    });
    expect(keyboardMove(board, id('a'), MoveDirection.up)).toBeUndefined();
    expect(keyboardMove(board, id('c'), MoveDirection.down)).toBeUndefined();
    expect(keyboardMove(board, id('c'), MoveDirection.top)).toMatchObject({ index: 0 });
    expect(keyboardMove(board, id('a'), MoveDirection.bottom)).toMatchObject({ index: 2 });
  });

  it('moves a task to the neighbouring column at the same height, or its end', () => {
    expect(keyboardMove(board, id('c'), MoveDirection.right)).toEqual({
      taskId: 'c',
      status: 'doing',
      index: 1,
    });
    expect(keyboardMove(board, id('a'), MoveDirection.right)).toMatchObject({
      status: 'doing',
      index: 0,
    });
    expect(keyboardMove(board, id('d'), MoveDirection.right)).toMatchObject({
      status: 'done',
      index: 0,
    });
    expect(keyboardMove(board, id('a'), MoveDirection.left)).toBeUndefined();
    expect(keyboardMove(board, id('missing'), MoveDirection.up)).toBeUndefined();
  });

  it('applies a move the way the domain does: index counted without the moved task', () => {
    const moved = applyMove(board, { taskId: id('a'), status: 'todo', index: 2 });
    expect(moved.todo.map((t) => t.id)).toEqual(['b', 'c', 'a']);
    const across = applyMove(board, { taskId: id('b'), status: 'doing', index: 0 });
    expect(across.todo.map((t) => t.id)).toEqual(['a', 'c']);
    expect(across.doing.map((t) => [t.id, t.status])).toEqual([
      ['b', 'doing'],
      ['d', 'doing'],
    ]);
  });

  it('maps arrow keys, Home and End, and ignores other keys', () => {
    expect(directionOfKey('ArrowUp')).toBe('up');
    expect(directionOfKey('ArrowRight')).toBe('right');
    expect(directionOfKey('End')).toBe('bottom');
    expect(directionOfKey('Enter')).toBeUndefined();
  });

  it('drops before the first card whose middle is below the pointer', () => {
    expect(dropIndex([100, 200, 300], 50)).toBe(0);
    expect(dropIndex([100, 200, 300], 150)).toBe(1);
    expect(dropIndex([100, 200, 300], 350)).toBe(3);
    expect(dropIndex([], 10)).toBe(0);
  });
});
