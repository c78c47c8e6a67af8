import type { FeatureTranslate } from '../../../i18n/featureMessages';
import type { SettingsKey } from './messages';

/** Every section of the settings screen gets the screen's translations. */
export interface SettingsProps {
  readonly t: FeatureTranslate<SettingsKey>;
}

/** The key for `count` in the language's plural rules ('one' or 'other'). */
export function pluralKey<Base extends string>(
  base: Base,
  count: number,
  language: string,
): `${Base}.one` | `${Base}.other` {
  return new Intl.PluralRules(language).select(count) === 'one' ? `${base}.one` : `${base}.other`;
}
