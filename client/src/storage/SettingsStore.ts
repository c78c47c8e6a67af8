import type { EnsembleDatabase, SettingKey } from './EnsembleDatabase';

/** Small device settings (device id, clock, language, relay…), one row per key. */
export class SettingsStore {
  constructor(private readonly db: EnsembleDatabase) {}

  async get(key: SettingKey): Promise<unknown> {
    return (await this.db.settings.get(key))?.value;
  }

  async getAll(): Promise<ReadonlyMap<string, unknown>> {
    const rows = await this.db.settings.toArray();
    return new Map(rows.map((row) => [row.key, row.value]));
  }

  async set(key: SettingKey, value: unknown): Promise<void> {
    await this.db.settings.put({ key, value });
  }

  /** Forgets a setting: its default applies again. */
  async delete(key: SettingKey): Promise<void> {
    await this.db.settings.delete(key);
  }
}
