import type { HlcTimestamp } from '../../clock/HybridLogicalClock';
import type { CrdtDocument, JsonValue } from '../../crdt/DocumentPort';
import { type CommunityId, type MemberId, newDocEpoch, newTaskId, type TaskId } from '../../ids';
import { err, ok, type Result } from '../../result';
import type { ChangeContext } from '../community/context';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import { createRecord, editRecord, foldedRecords, hasRecord } from '../records';
import { LIMITS, validText } from '../validation';
import { placeAt } from './ordering';
import { columnOf, projectAccess, readTasks } from './read';
import {
  PROFILE_ID,
  PROJECT_SCHEMA_VERSION,
  ProfileRecords,
  ProjectRoot,
  TASK_STATUSES,
  TaskRecords,
  type TaskStatus,
} from './schema';

export interface CreateProject {
  readonly type: 'createProject';
  readonly communityId: CommunityId;
  readonly title: string;
  readonly summary: string;
}
export interface UpdateProject {
  readonly type: 'updateProject';
  readonly title?: string;
  readonly summary?: string;
}
export interface TaskFields {
  readonly title: string;
  readonly description: string;
  readonly assignees: readonly MemberId[];
  /** YYYY-MM-DD or null. */
  readonly due: string | null;
}
export interface AddTask extends Partial<TaskFields> {
  readonly type: 'addTask';
  readonly id?: TaskId;
  readonly title: string;
  readonly status?: TaskStatus;
  /** Position in the column; the end when omitted. */
  readonly index?: number;
}
export interface UpdateTask extends Partial<TaskFields> {
  readonly type: 'updateTask';
  readonly taskId: TaskId;
}
export interface MoveTask {
  readonly type: 'moveTask';
  readonly taskId: TaskId;
  readonly status: TaskStatus;
  /** Position in the target column, counted without the moved task. */
  readonly index: number;
}
export interface ArchiveTask {
  readonly type: 'archiveTask';
  readonly taskId: TaskId;
  readonly archived: boolean;
}
export type ProjectChange =
  | CreateProject
  | UpdateProject
  | AddTask
  | UpdateTask
  | MoveTask
  | ArchiveTask;
export type ProjectOutcome =
  | { readonly type: 'project' }
  | { readonly type: 'task'; readonly taskId: TaskId };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validTaskFields(
  fields: Partial<TaskFields>,
): Result<Record<string, JsonValue>, DomainError> {
  const out: Record<string, JsonValue> = {};
  if (fields.title !== undefined) {
    const title = validText('title', fields.title, LIMITS.eventTitle, true);
    if (!title.ok) return title;
    out.title = title.value;
  }
  if (fields.description !== undefined) {
    const description = validText('description', fields.description, LIMITS.description, false);
    if (!description.ok) return description;
    out.description = description.value;
  }
  if (fields.due !== undefined) {
    if (
      fields.due !== null &&
      (!DATE.test(fields.due) || Number.isNaN(Date.parse(`${fields.due}T00:00:00Z`)))
    ) {
      return err(domainError(DomainErrorReason.invalidDate, 'due'));
    }
    out.due = fields.due;
  }
  if (fields.assignees !== undefined) {
    if (fields.assignees.length > 20)
      return err(domainError(DomainErrorReason.tooLong, 'assignees', 20));
    out.assignees = [...new Set(fields.assignees)].sort();
  }
  return ok(out);
}

/** [PRJ4] Every named change is recorded in the activity list, and its author becomes a contributor. */
function record(
  doc: CrdtDocument,
  actor: MemberId,
  stamp: HlcTimestamp,
  change: string,
  taskId: TaskId | null,
) {
  doc.map(ProjectRoot.activity).set(stamp, { by: actor, change, taskId });
  const contributors = doc.map(ProjectRoot.contributors);
  if (!contributors.has(actor)) contributors.set(actor, stamp);
}

export function applyProjectChange(
  doc: CrdtDocument,
  change: ProjectChange,
  context: ChangeContext,
): Result<ProjectOutcome, DomainError> {
  const access = projectAccess(doc);
  if (access.mode === 'read-only') return err(domainError(DomainErrorReason.readOnly));
  const actor = context.actor ?? (context.clock.node as string as MemberId);
  if (change.type === 'createProject') {
    if (access.mode !== 'empty') return err(domainError(DomainErrorReason.alreadyExists));
    const title = validText('title', change.title, LIMITS.eventTitle, true);
    if (!title.ok) return title;
    const summary = validText('summary', change.summary, LIMITS.description, false);
    if (!summary.ok) return summary;
    const stamp = context.clock.now();
    doc.transact(() => {
      const meta = doc.map(ProjectRoot.meta);
      meta.set('schemaVersion', PROJECT_SCHEMA_VERSION);
      meta.set('kind', 'project');
      meta.set('epoch', newDocEpoch());
      meta.set('communityId', change.communityId);
      createRecord(doc, ProfileRecords, PROFILE_ID, { title: title.value, summary: summary.value });
      record(doc, actor, stamp, 'createProject', null);
    });
    return ok({ type: 'project' });
  }
  if (access.mode === 'empty') return err(domainError(DomainErrorReason.notInitialised));
  // A change comes after every change this device has seen in the project.
  const lastActivity = doc.map(ProjectRoot.activity).keys().sort().pop();
  if (lastActivity) context.clock.observe(lastActivity as HlcTimestamp);
  switch (change.type) {
    case 'updateProject': {
      const patch: Record<string, JsonValue> = {};
      if (change.title !== undefined) {
        const title = validText('title', change.title, LIMITS.eventTitle, true);
        if (!title.ok) return title;
        patch.title = title.value;
      }
      if (change.summary !== undefined) {
        const summary = validText('summary', change.summary, LIMITS.description, false);
        if (!summary.ok) return summary;
        patch.summary = summary.value;
      }
      const stamp = context.clock.now();
      doc.transact(() => {
        editRecord(doc, ProfileRecords, PROFILE_ID, stamp, patch);
        record(doc, actor, stamp, 'updateProject', null);
      });
      return ok({ type: 'project' });
    }
    case 'addTask': {
      const fields = validTaskFields(change);
      if (!fields.ok) return fields;
      const status = change.status ?? 'todo';
      if (!TASK_STATUSES.includes(status))
        return err(domainError(DomainErrorReason.invalidState, 'status'));
      const taskId = change.id ?? newTaskId();
      if (hasRecord(doc, TaskRecords, taskId))
        return err(domainError(DomainErrorReason.alreadyExists, 'id'));
      const column = columnOf(doc, status);
      const placement = placeAt(column, change.index ?? column.length);
      const stamp = context.clock.now();
      doc.transact(() => {
        createRecord(doc, TaskRecords, taskId, {
          description: '',
          assignees: [],
          due: null,
          ...fields.value,
          status,
          order: placement.order,
          archived: false,
          createdAt: stamp,
          createdBy: actor,
        });
        for (const moved of placement.rekeyed)
          editRecord(doc, TaskRecords, moved.id, stamp, { order: moved.order });
        record(doc, actor, stamp, 'addTask', taskId);
      });
      return ok({ type: 'task', taskId });
    }
    case 'updateTask':
    case 'moveTask':
    case 'archiveTask':
      return changeTask(doc, change, context, actor);
    default:
      return assertNever(change);
  }
}

function changeTask(
  doc: CrdtDocument,
  change: UpdateTask | MoveTask | ArchiveTask,
  context: ChangeContext,
  actor: MemberId,
): Result<ProjectOutcome, DomainError> {
  const task = readTasks(doc).get(change.taskId);
  if (!task) return err(domainError(DomainErrorReason.unknownTask, 'taskId'));
  const lastEdit = foldedRecords(doc, TaskRecords).get(task.id)?.lastEdit;
  if (lastEdit) context.clock.observe(lastEdit);
  let patch: Record<string, JsonValue>;
  let rekeyed: readonly { id: string; order: string }[] = [];
  if (change.type === 'updateTask') {
    const fields = validTaskFields(change);
    if (!fields.ok) return fields;
    patch = fields.value;
  } else if (change.type === 'moveTask') {
    if (!TASK_STATUSES.includes(change.status))
      return err(domainError(DomainErrorReason.invalidState, 'status'));
    const column = columnOf(doc, change.status).filter((t) => t.id !== task.id);
    const placement = placeAt(column, change.index);
    patch = { status: change.status, order: placement.order };
    rekeyed = placement.rekeyed;
  } else {
    patch = { archived: change.archived };
  }
  const stamp = context.clock.now();
  doc.transact(() => {
    editRecord(doc, TaskRecords, task.id, stamp, patch);
    for (const moved of rekeyed)
      editRecord(doc, TaskRecords, moved.id, stamp, { order: moved.order });
    record(doc, actor, stamp, change.type, task.id);
  });
  return ok({ type: 'task', taskId: task.id });
}

function assertNever(value: never): never {
  throw new Error(`Unhandled project change: ${JSON.stringify(value)}`);
}
