import type { CrdtDocument } from '../../crdt/DocumentPort';
import type { MemberId, TaskId } from '../../ids';
import { err, ok, type Result } from '../../result';
import type { ChangeContext } from '../community/context';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import { projectAccess } from './read';
import { ProjectRoot } from './schema';

/** One line of a project's "Historique": who, when, what. */
export interface ProjectHistoryEntry {
  /** Opens or restores the project as it was right after this change. */
  readonly version: string;
  /** Milliseconds since 1970 (the author's clock, second precision). */
  readonly at: number;
  /** The member who made it; null when the change carries no trace of its author. */
  readonly by: MemberId | null;
  /** The named project changes it holds (`addTask`, `moveTask`, ...), or `editNotes`. */
  readonly changes: readonly string[];
  readonly taskIds: readonly TaskId[];
}

/** What a restore brings back: the board, the profile and the notes (never the activity). */
const RESTORED_ROOTS = [
  ProjectRoot.profile,
  ProjectRoot.profileEdits,
  ProjectRoot.tasks,
  ProjectRoot.taskEdits,
  ProjectRoot.notes,
] as const;

interface ActivityValue {
  readonly by?: unknown;
  readonly change?: unknown;
  readonly taskId?: unknown;
}

/**
 * [HIS1] The project's changes, newest first, read from its engine's history (undefined for
 * an engine that keeps none: Yjs). Who: the activity entry a change wrote, else the member
 * whose earlier changes came from the same replica (notes typed in the editor write none).
 */
export function projectHistory(doc: CrdtDocument): ProjectHistoryEntry[] | undefined {
  const versions = doc.versions?.list();
  if (!versions) return undefined;
  const memberOf = new Map<string, MemberId>();
  const entries: ProjectHistoryEntry[] = [];
  for (const version of versions) {
    const changes: string[] = [];
    const taskIds: TaskId[] = [];
    let by: MemberId | null = null;
    for (const write of version.writes) {
      if (write.root !== ProjectRoot.activity) continue;
      const value = write.value as ActivityValue | undefined;
      if (typeof value?.change !== 'string') continue;
      changes.push(value.change);
      if (typeof value.taskId === 'string') taskIds.push(value.taskId as TaskId);
      if (typeof value.by === 'string') by = value.by as MemberId;
    }
    if (by) memberOf.set(version.actor, by);
    if (changes.length === 0 && version.roots.includes(ProjectRoot.notes))
      changes.push('editNotes');
    if (changes.length === 0) continue;
    entries.push({
      version: version.id,
      at: version.at,
      by: by ?? memberOf.get(version.actor) ?? null,
      changes,
      taskIds,
    });
  }
  return entries.reverse();
}

/** [HIS2] The project document as it was right after `version` (read-only). */
export function projectAt(doc: CrdtDocument, version: string): CrdtDocument | undefined {
  try {
    return doc.versions?.at(version);
  } catch {
    return undefined;
  }
}

/**
 * [HIS3] "Restaurer cette version": the board, profile and notes become what they were
 * after `version`, as one NEW change recorded in the activity (`restoreVersion`) by the
 * member restoring; history is never rewritten (every later version stays listed).
 */
export function restoreProjectVersion(
  doc: CrdtDocument,
  version: string,
  context: ChangeContext,
): Result<{ readonly type: 'project' }, DomainError> {
  const access = projectAccess(doc);
  if (access.mode === 'read-only') return err(domainError(DomainErrorReason.readOnly));
  if (access.mode === 'empty') return err(domainError(DomainErrorReason.notInitialised));
  const versions = doc.versions;
  if (!versions) return err(domainError(DomainErrorReason.invalidState, 'engine'));
  if (!projectAt(doc, version)) return err(domainError(DomainErrorReason.invalidState, 'version'));
  const actor = context.actor ?? (context.clock.node as string as MemberId);
  const lastActivity = doc.map(ProjectRoot.activity).keys().sort().pop();
  if (lastActivity) context.clock.observe(lastActivity as never);
  const stamp = context.clock.now();
  doc.transact(() => {
    versions.restore(version, RESTORED_ROOTS);
    doc.map(ProjectRoot.activity).set(stamp, { by: actor, change: 'restoreVersion', taskId: null });
    const contributors = doc.map(ProjectRoot.contributors);
    if (!contributors.has(actor)) contributors.set(actor, stamp);
  });
  return ok({ type: 'project' });
}
