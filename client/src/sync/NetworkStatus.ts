import { type ReadableStore, ValueStore } from '../util/ValueStore';

/** Whether the browser believes it has a network (window online/offline events). */
export class NetworkStatus implements ReadableStore<boolean> {
  private readonly store: ValueStore<boolean>;
  private readonly stop: () => void;

  constructor(target: Window = window) {
    this.store = new ValueStore(target.navigator.onLine !== false);
    const online = () => this.store.set(true);
    const offline = () => this.store.set(false);
    target.addEventListener('online', online);
    target.addEventListener('offline', offline);
    this.stop = () => {
      target.removeEventListener('online', online);
      target.removeEventListener('offline', offline);
    };
  }

  get = (): boolean => this.store.get();
  subscribe = (listener: () => void) => this.store.subscribe(listener);

  destroy(): void {
    this.stop();
  }
}
