import type { HlcTimestamp } from '../../clock/HybridLogicalClock';
import type { CommunityId, DocEpoch, MemberId, ProjectId, TaskId } from '../../ids';

/** Schema version written by this code. Older code opening a newer document stays read-only. */
export const PROJECT_SCHEMA_VERSION = 1;

/** Root maps of a project document (one document per project, so its notes grow apart). */
export const ProjectRoot = {
  meta: 'meta',
  /** The project's title and summary: one record, edited through the edit log. */
  profile: 'profile',
  profileEdits: 'profileEdits',
  tasks: 'tasks',
  taskEdits: 'taskEdits',
  /** Flat map `memberId` -> the stamp of their first contribution. */
  contributors: 'contributors',
  /** Flat map `hlc` -> one activity entry per named change. */
  activity: 'activity',
  /** The collaborative notes: rich text a ProseMirror binding edits (a Y.XmlFragment in Yjs). */
  notes: 'notes',
} as const;

export const ProfileRecords = {
  records: ProjectRoot.profile,
  edits: ProjectRoot.profileEdits,
} as const;
export const TaskRecords = { records: ProjectRoot.tasks, edits: ProjectRoot.taskEdits } as const;
export const PROFILE_ID = 'project';

export const TaskStatus = { todo: 'todo', doing: 'doing', done: 'done' } as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];
export const TASK_STATUSES: readonly TaskStatus[] = [
  TaskStatus.todo,
  TaskStatus.doing,
  TaskStatus.done,
];

export interface Task {
  readonly id: TaskId;
  readonly title: string;
  readonly description: string;
  readonly status: TaskStatus;
  readonly assignees: readonly MemberId[];
  /** A calendar date, YYYY-MM-DD, or null. */
  readonly due: string | null;
  /** Fractional index within its column; ties are broken by id. */
  readonly order: string;
  readonly archived: boolean;
  readonly createdAt: HlcTimestamp;
  readonly createdBy: MemberId;
}

export interface ActivityEntry {
  readonly at: HlcTimestamp;
  readonly by: MemberId;
  readonly change: string;
  readonly taskId: TaskId | null;
}

export interface ProjectSnapshot {
  readonly id: ProjectId;
  readonly communityId: CommunityId;
  readonly schemaVersion: number;
  readonly epoch: DocEpoch;
  readonly title: string;
  readonly summary: string;
  /** Tasks per column, each in its total order; archived tasks are left out. */
  readonly columns: Readonly<Record<TaskStatus, readonly Task[]>>;
  readonly contributors: readonly MemberId[];
  /** Newest first. */
  readonly activity: readonly ActivityEntry[];
}
