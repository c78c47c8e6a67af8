import type { CrdtDocument } from '../crdt/DocumentPort';
import { err, ok, type Result } from '../result';
import { type DomainError, DomainErrorReason, domainError } from './errors';

/**
 * One step of a document's schema: rewrites a document of version `from` into
 * version `from + 1`. Two devices may run the same step offline on the same
 * data, so a step must be idempotent and write deterministic keys (the same
 * record id, the same values) so that both runs merge into one result.
 */
export interface Migration {
  readonly from: number;
  readonly describe: string;
  readonly apply: (doc: CrdtDocument) => void;
}

export interface MigrationOutcome {
  readonly from: number;
  readonly to: number;
}

/**
 * [MIG1] Brings a document written by an older schema up to `current`, in one
 * transaction (peers see the whole upgrade or none of it). A document already at
 * `current` is left alone; one from a newer schema is refused (read-only); a gap
 * in the steps is refused before anything is written.
 */
export function migrateDocument(
  doc: CrdtDocument,
  metaRoot: string,
  current: number,
  migrations: readonly Migration[],
): Result<MigrationOutcome, DomainError> {
  const meta = doc.map(metaRoot);
  const version = meta.getValue('schemaVersion');
  if (typeof version !== 'number') return err(domainError(DomainErrorReason.notInitialised));
  if (version > current) return err(domainError(DomainErrorReason.readOnly));
  if (version === current) return ok({ from: version, to: version });
  const steps: Migration[] = [];
  for (let v = version; v < current; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return err(domainError(DomainErrorReason.invalidState, 'schemaVersion'));
    steps.push(step);
  }
  doc.transact(() => {
    for (const step of steps) step.apply(doc);
    meta.set('schemaVersion', current);
  });
  return ok({ from: version, to: current });
}
