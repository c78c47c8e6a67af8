import type { CommunityIndex, CommunitySummary } from '../storage/CommunityIndex';
import type { ReadableStore } from '../util/ValueStore';

/** The home screen's list as a store; undefined while it is first read. */
export class MyCommunities implements ReadableStore<readonly CommunitySummary[] | undefined> {
  private value: readonly CommunitySummary[] | undefined;
  private readonly listeners = new Set<() => void>();
  private stop: (() => void) | undefined;

  constructor(
    private readonly index: CommunityIndex,
    private readonly onError: (error: unknown) => void,
  ) {}

  get = () => this.value;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    if (!this.stop) {
      this.stop = this.index.watch((communities) => {
        this.value = communities;
        for (const notify of [...this.listeners]) notify();
      }, this.onError);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.stop?.();
        this.stop = undefined;
      }
    };
  };
}
