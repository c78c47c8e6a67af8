import type { HlcTimestamp } from '../../clock/HybridLogicalClock';
import type { CrdtDocument } from '../../crdt/DocumentPort';
import type { CommunityId, DocEpoch, MemberId, ProjectId, TaskId } from '../../ids';
import { derived } from '../derived';
import { text } from '../fields';
import { foldedRecords, type RecordFields } from '../records';
import { compareOrdered } from './ordering';
import {
  type ActivityEntry,
  PROFILE_ID,
  PROJECT_SCHEMA_VERSION,
  ProfileRecords,
  ProjectRoot,
  type ProjectSnapshot,
  TASK_STATUSES,
  type Task,
  TaskRecords,
  type TaskStatus,
} from './schema';

const str = (fields: RecordFields, key: string): string => {
  const value = fields[key];
  return typeof value === 'string' ? value : '';
};

export type ProjectAccess =
  | { readonly mode: 'read-write' }
  | { readonly mode: 'read-only'; readonly reason: 'newer-schema'; readonly schemaVersion: number }
  | { readonly mode: 'empty' };

export function projectAccess(doc: CrdtDocument): ProjectAccess {
  const version = doc.map(ProjectRoot.meta).getValue('schemaVersion');
  if (typeof version !== 'number') return { mode: 'empty' };
  if (version > PROJECT_SCHEMA_VERSION)
    return { mode: 'read-only', reason: 'newer-schema', schemaVersion: version };
  return { mode: 'read-write' };
}

function readTask(id: string, fields: RecordFields): Task | undefined {
  const title = str(fields, 'title');
  if (!title) return undefined;
  const status = TASK_STATUSES.includes(fields.status as TaskStatus)
    ? (fields.status as TaskStatus)
    : 'todo';
  const assignees = Array.isArray(fields.assignees)
    ? fields.assignees.filter((a): a is string => typeof a === 'string')
    : [];
  return {
    id: id as TaskId,
    title,
    description: str(fields, 'description'),
    status,
    assignees: [...new Set(assignees)].sort() as MemberId[],
    due: str(fields, 'due') || null,
    order: str(fields, 'order'),
    archived: fields.archived === true,
    createdAt: str(fields, 'createdAt') as HlcTimestamp,
    createdBy: str(fields, 'createdBy') as MemberId,
  };
}

export function readTasks(doc: CrdtDocument): ReadonlyMap<TaskId, Task> {
  return derived(doc, 'tasks', [ProjectRoot.tasks, ProjectRoot.taskEdits], () => {
    const tasks = new Map<TaskId, Task>();
    for (const [id, record] of foldedRecords(doc, TaskRecords)) {
      const task = readTask(id, record.fields);
      if (task) tasks.set(task.id, task);
    }
    return tasks;
  });
}

/** The column's tasks in total order (archived ones left out unless asked). */
export function columnOf(doc: CrdtDocument, status: TaskStatus, includeArchived = false): Task[] {
  return [...readTasks(doc).values()]
    .filter((task) => task.status === status && (includeArchived || !task.archived))
    .sort(compareOrdered);
}

function readActivity(doc: CrdtDocument): ActivityEntry[] {
  const activity = doc.map(ProjectRoot.activity);
  const entries: ActivityEntry[] = [];
  for (const at of activity.keys()) {
    const value = activity.getValue(at) as Partial<Record<string, unknown>> | undefined;
    if (!value || typeof value.change !== 'string') continue;
    entries.push({
      at: at as HlcTimestamp,
      by: String(value.by) as MemberId,
      change: value.change,
      taskId: typeof value.taskId === 'string' ? (value.taskId as TaskId) : null,
    });
  }
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export function readProject(doc: CrdtDocument): ProjectSnapshot | undefined {
  return derived(doc, 'project', Object.values(ProjectRoot), () => {
    const meta = doc.map(ProjectRoot.meta);
    const schemaVersion = meta.getValue('schemaVersion');
    if (typeof schemaVersion !== 'number') return undefined;
    const profile = foldedRecords(doc, ProfileRecords).get(PROFILE_ID)?.fields ?? {};
    const columns = Object.fromEntries(
      TASK_STATUSES.map((status) => [status, columnOf(doc, status)]),
    ) as Record<TaskStatus, Task[]>;
    const contributors = doc.map(ProjectRoot.contributors);
    return {
      id: doc.id as string as ProjectId,
      communityId: text(meta, 'communityId') as CommunityId,
      schemaVersion,
      epoch: text(meta, 'epoch') as DocEpoch,
      title: str(profile, 'title'),
      summary: str(profile, 'summary'),
      columns,
      contributors: contributors.keys().sort() as MemberId[],
      activity: readActivity(doc),
    };
  });
}
