import { SettingKey } from '../storage/EnsembleDatabase';
import type { SettingsStore } from '../storage/SettingsStore';
import { type ReadableStore, ValueStore } from '../util/ValueStore';
import { defaultRelayUrl, parseRelayUrl } from './relayUrl';

/**
 * The relay this device syncs through: the one that served the app, unless a
 * self-hoster saved another in the settings. Read when a connection opens, so a new
 * choice applies to the connections opened after it (communities opened next, or all
 * of them after a reload); open connections keep their relay.
 */
export class RelaySetting {
  private readonly saved = new ValueStore<string | undefined>(undefined);

  constructor(
    private readonly settings: SettingsStore | undefined,
    private readonly fallback: () => string = () => defaultRelayUrl(),
  ) {}

  /** Reads the saved choice (once, at start-up); an address no longer valid is ignored. */
  async load(pageProtocol = window.location.protocol): Promise<void> {
    const value = await this.settings?.get(SettingKey.relayUrl);
    if (typeof value !== 'string') return;
    const parsed = parseRelayUrl(value, pageProtocol);
    if (parsed.ok) this.saved.set(parsed.value);
  }

  /** The saved override, undefined when the default applies. */
  get override(): ReadableStore<string | undefined> {
    return this.saved;
  }

  get defaultUrl(): string {
    return this.fallback();
  }

  /** The address for a connection opened now. */
  url(): string {
    return this.saved.get() ?? this.fallback();
  }

  /** Saves an address already checked with `parseRelayUrl`. */
  async save(url: string): Promise<void> {
    await this.settings?.set(SettingKey.relayUrl, url);
    this.saved.set(url);
  }

  /** Back to the relay that served the app. */
  async reset(): Promise<void> {
    await this.settings?.delete(SettingKey.relayUrl);
    this.saved.set(undefined);
  }
}
