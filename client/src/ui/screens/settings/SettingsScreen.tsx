/** Slot for the settings screen (replaced before it lands). */
export function SettingsScreen() {
  return <h1 tabIndex={-1}>SettingsScreen</h1>;
}
