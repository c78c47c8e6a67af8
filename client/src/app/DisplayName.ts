import { SettingKey } from '../storage/EnsembleDatabase';
import type { SettingsStore } from '../storage/SettingsStore';
import { type ReadableStore, ValueStore } from '../util/ValueStore';

/** Longest display name accepted (as the domain's member names). */
export const DISPLAY_NAME_MAX = 80;

/**
 * The name this person gives once, kept in the device's settings: asked for before a
 * first RSVP or comment. An empty string until given.
 */
export class DisplayName implements ReadableStore<string> {
  private readonly value = new ValueStore('');

  constructor(
    private readonly settings: SettingsStore | undefined,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Reads the saved name (once, at start-up). */
  async load(): Promise<void> {
    if (!this.settings) return;
    const saved = await this.settings.get(SettingKey.displayName);
    if (typeof saved === 'string') this.value.set(saved);
  }

  get = (): string => this.value.get();

  subscribe = (listener: () => void): (() => void) => this.value.subscribe(listener);

  /** Shown at once; saved on the device in the background. Returns false for an empty name. */
  save(name: string): boolean {
    const trimmed = name.trim().slice(0, DISPLAY_NAME_MAX);
    if (!trimmed) return false;
    this.value.set(trimmed);
    this.settings?.set(SettingKey.displayName, trimmed).catch(this.onError);
    return true;
  }
}
