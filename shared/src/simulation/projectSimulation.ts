import { HybridLogicalClock } from '../clock/HybridLogicalClock';
import type { CrdtDocument, DocumentEngine } from '../crdt/DocumentPort';
import { yjsEngine } from '../crdt/yjs/YjsDocument';
import type { ChangeContext } from '../domain/community/context';
import { applyProjectChange } from '../domain/project/changes';
import { readProject, readTasks } from '../domain/project/read';
import { TASK_STATUSES } from '../domain/project/schema';
import type { CommunityId, DeviceId, DocId, MemberId, TaskId } from '../ids';
import { SimulatedNetwork } from './network';
import { SeededRandom } from './random';

/**
 * [SIM2] Replicas editing one project board: adds, moves (to contested spots), archives,
 * edits; on either engine (the same seed plays the same operations on both).
 */
export function runProjectSimulation(
  seed: number,
  steps = 40,
  engine: DocumentEngine = yjsEngine,
): CrdtDocument[] {
  const random = new SeededRandom(seed);
  const count = random.int(3, 6);
  const replicas = Array.from({ length: count }, () =>
    engine.create('simulated-project-0001' as DocId),
  );
  const contexts: ChangeContext[] = replicas.map((_, i) => ({
    clock: new HybridLogicalClock(
      `device-${i}` as DeviceId,
      () => Date.parse('2026-11-01T10:00:00Z') + random.int(-5_000, 5_000),
    ),
    actor: `member-${i}` as MemberId,
  }));
  const network = new SimulatedNetwork(replicas, random);
  applyProjectChange(
    replicas[0] as CrdtDocument,
    {
      type: 'createProject',
      communityId: 'c-000000000000000001' as CommunityId,
      title: 'Board',
      summary: '',
    },
    contexts[0] as ChangeContext,
  );
  network.settle();
  for (let step = 0; step < steps; step++) {
    if (random.chance(0.2)) network.partition();
    if (random.chance(0.1)) network.heal();
    const i = random.int(0, count - 1);
    const doc = replicas[i] as CrdtDocument;
    const context = contexts[i] as ChangeContext;
    const tasks = [...readTasks(doc).keys()];
    const roll = random.next();
    const status = random.pick(TASK_STATUSES);
    if (roll < 0.3 || tasks.length === 0) {
      applyProjectChange(
        doc,
        { type: 'addTask', title: `Tâche ${step}`, status, index: random.int(0, 3) },
        context,
      );
    } else if (roll < 0.75) {
      // Moves to the first slots collide often: the hard case for ordering.
      applyProjectChange(
        doc,
        { type: 'moveTask', taskId: random.pick(tasks) as TaskId, status, index: random.int(0, 2) },
        context,
      );
    } else if (roll < 0.85) {
      applyProjectChange(
        doc,
        { type: 'archiveTask', taskId: random.pick(tasks) as TaskId, archived: random.chance(0.5) },
        context,
      );
    } else {
      applyProjectChange(
        doc,
        { type: 'updateTask', taskId: random.pick(tasks) as TaskId, title: `Renommée ${step}` },
        context,
      );
    }
    if (random.chance(0.6)) network.deliverSome();
  }
  network.settle();
  return replicas;
}

/** Every live task appears exactly once across the columns, each column in a strict total order. */
export function projectInvariantViolations(doc: CrdtDocument): string[] {
  const project = readProject(doc);
  if (!project) return ['project missing'];
  const violations: string[] = [];
  const seen = new Set<string>();
  for (const status of TASK_STATUSES) {
    const column = project.columns[status];
    column.forEach((task, index) => {
      if (seen.has(task.id)) violations.push(`task ${task.id} appears twice`);
      seen.add(task.id);
      const next = column[index + 1];
      if (next && !(task.order < next.order || (task.order === next.order && task.id < next.id))) {
        violations.push(`column ${status} not in total order at ${index}`);
      }
    });
  }
  const live = [...readTasks(doc).values()].filter((t) => !t.archived).length;
  if (seen.size !== live) violations.push(`${live} live tasks but ${seen.size} shown`);
  return violations;
}
