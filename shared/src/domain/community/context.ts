import type { HybridLogicalClock } from '../../clock/HybridLogicalClock';
import type { MemberId } from '../../ids';

/** Who makes a change, and their device clock. */
export interface ChangeContext {
  readonly clock: HybridLogicalClock;
  /** The acting member; changes that need a member refuse without one. */
  readonly actor?: MemberId;
}
