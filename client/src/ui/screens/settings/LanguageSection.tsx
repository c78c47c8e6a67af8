import { useEffect, useState } from 'react';
import { useServices } from '../../../app/services';
import { useI18n } from '../../../i18n/I18nProvider';
import { isLanguage, type Language, pickLanguage } from '../../../i18n/i18n';
import { SettingKey } from '../../../storage/EnsembleDatabase';
import type { SettingsProps } from './settingsProps';

const LANGUAGE_NAMES: Record<Language, string> = { fr: 'Français', en: 'English' };
/** Saved instead of a language: follow the browser (pickLanguage falls back to it). */
const BROWSER = 'browser';
type Choice = Language | typeof BROWSER;

function browserLanguage(): Language {
  return pickLanguage(undefined, navigator.languages ?? [navigator.language]);
}

export function LanguageSection({ t }: SettingsProps) {
  const { language, setLanguage } = useI18n();
  const { settings } = useServices();
  const [choice, setChoice] = useState<Choice | undefined>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    settings.get(SettingKey.language).then(
      (saved) => live && setChoice(isLanguage(saved) ? saved : BROWSER),
      () => live && setChoice(BROWSER),
    );
    return () => {
      live = false;
    };
  }, [settings]);

  function choose(next: Choice) {
    setChoice(next);
    setFailed(false);
    if (next === BROWSER) {
      // setLanguage saves the language it shows; the marker saved right after wins
      // (writes to one table run in order), so the next start follows the browser again.
      setLanguage(browserLanguage());
      settings.set(SettingKey.language, BROWSER).catch(() => setFailed(true));
    } else {
      setLanguage(next);
    }
  }

  // The header's switch may change the language meanwhile: show what is in effect.
  const shown =
    choice === undefined
      ? ''
      : choice === BROWSER && language === browserLanguage()
        ? BROWSER
        : language;

  return (
    <section className="settings-section" aria-labelledby="settings-language">
      <h2 id="settings-language">{t('language.title')}</h2>
      <div className="field">
        <label htmlFor="settings-language-select">{t('language.label')}</label>
        <p className="field-hint" id="settings-language-hint">
          {t('language.hint')}
        </p>
        <select
          id="settings-language-select"
          data-testid="settings-language"
          aria-describedby="settings-language-hint"
          value={shown}
          disabled={choice === undefined}
          onChange={(event) => {
            const value = event.target.value;
            if (value === BROWSER || isLanguage(value)) choose(value);
          }}
        >
          {choice === undefined ? <option value="" /> : null}
          <option value={BROWSER}>
            {t('language.browser', { language: LANGUAGE_NAMES[browserLanguage()] })}
          </option>
          {(['fr', 'en'] as const).map((code) => (
            <option key={code} value={code} lang={code}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </select>
      </div>
      {failed ? (
        <p className="form-error" role="alert">
          {t('saveFailed')}
        </p>
      ) : null}
    </section>
  );
}
