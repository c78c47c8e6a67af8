import type { HlcTimestamp } from '../../clock/HybridLogicalClock';
import { type CrdtDocument, EngineName } from '../../crdt/DocumentPort';
import type { MemberId, ProjectId } from '../../ids';
import { err, ok, type Result } from '../../result';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import { createRecord, editRecord, foldedRecords, hasRecord, type RecordFields } from '../records';
import { LIMITS, validText } from '../validation';
import { actingMember } from './access';
import type { ChangeContext } from './context';
import { ProjectIndexRecords } from './schema';

/** The community's index of its projects; each project lives in its own document. */
export interface ProjectIndexEntry {
  readonly id: ProjectId;
  readonly title: string;
  readonly summary: string;
  readonly archived: boolean;
  readonly createdAt: HlcTimestamp;
  readonly createdBy: MemberId;
  /**
   * [PRJ6] The CRDT engine of the project's document, recorded when it is registered and
   * never changed (no silent conversion); projects listed before engines were recorded are Yjs.
   */
  readonly engine: string;
}

export interface RegisterProject {
  readonly type: 'registerProject';
  readonly projectId: ProjectId;
  readonly title: string;
  readonly summary: string;
  /** The engine of the project's document; Yjs when omitted. */
  readonly engine?: EngineName;
}
export interface UpdateProjectIndex {
  readonly type: 'updateProjectIndex';
  readonly projectId: ProjectId;
  readonly title?: string;
  readonly summary?: string;
  readonly archived?: boolean;
}
export type ProjectIndexChange = RegisterProject | UpdateProjectIndex;

const str = (fields: RecordFields, key: string): string => {
  const value = fields[key];
  return typeof value === 'string' ? value : '';
};

/** The engine written at registration (edits cannot change it: they are folded over the record). */
function engineOf(doc: CrdtDocument, id: string): string {
  const created = doc.map(ProjectIndexRecords.records).getValue(id);
  const engine =
    created && typeof created === 'object' && !Array.isArray(created) ? created.engine : undefined;
  return typeof engine === 'string' && engine ? engine : EngineName.yjs;
}

/** [PRJ1] Projects listed by creation, newest first; archived ones are kept (soft delete). */
export function listProjects(doc: CrdtDocument): ProjectIndexEntry[] {
  const entries: ProjectIndexEntry[] = [];
  for (const [id, { fields }] of foldedRecords(doc, ProjectIndexRecords)) {
    if (!str(fields, 'title')) continue;
    entries.push({
      id: id as ProjectId,
      title: str(fields, 'title'),
      summary: str(fields, 'summary'),
      archived: fields.archived === true,
      createdAt: str(fields, 'createdAt') as HlcTimestamp,
      createdBy: str(fields, 'createdBy') as MemberId,
      engine: engineOf(doc, id),
    });
  }
  return entries.sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0,
  );
}

export function applyProjectIndexChange(
  doc: CrdtDocument,
  change: ProjectIndexChange,
  context: ChangeContext,
): Result<{ readonly type: 'projectIndex'; readonly projectId: ProjectId }, DomainError> {
  const actor = actingMember(doc, context, null);
  if (!actor.ok) return actor;
  const outcome = ok({ type: 'projectIndex' as const, projectId: change.projectId });
  const patch: Record<string, string | boolean> = {};
  for (const field of ['title', 'summary'] as const) {
    const value = change[field];
    if (value === undefined) continue;
    const valid = validText(
      field,
      value,
      field === 'title' ? LIMITS.eventTitle : LIMITS.description,
      field === 'title',
    );
    if (!valid.ok) return valid;
    patch[field] = valid.value;
  }
  if (change.type === 'registerProject') {
    if (hasRecord(doc, ProjectIndexRecords, change.projectId)) {
      return err(domainError(DomainErrorReason.alreadyExists, 'projectId'));
    }
    const engine = change.engine ?? EngineName.yjs;
    if (!Object.values(EngineName).includes(engine)) {
      return err(domainError(DomainErrorReason.invalidState, 'engine'));
    }
    const stamp = context.clock.now();
    doc.transact(() =>
      createRecord(doc, ProjectIndexRecords, change.projectId, {
        ...patch,
        createdAt: stamp,
        createdBy: actor.value,
        engine,
      }),
    );
    return outcome;
  }
  const current = foldedRecords(doc, ProjectIndexRecords).get(change.projectId);
  if (!current) return err(domainError(DomainErrorReason.unknownProject, 'projectId'));
  if (current.lastEdit) context.clock.observe(current.lastEdit);
  if (change.archived !== undefined) patch.archived = change.archived;
  const stamp = context.clock.now();
  doc.transact(() => editRecord(doc, ProjectIndexRecords, change.projectId, stamp, patch));
  return outcome;
}
