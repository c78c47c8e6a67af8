import { beforeAll, describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { loadLanguage, pickLanguage, translate } from './i18n';

// English is loaded on demand.
beforeAll(() => loadLanguage('en'));

describe('pickLanguage', () => {
  it('keeps a saved choice over the browser language', () => {
    expect(pickLanguage('fr', ['en-GB'])).toBe('fr');
    expect(pickLanguage('en', ['fr-FR'])).toBe('en');
  });

  it('uses English when the browser prefers English and nothing is saved', () => {
    expect(pickLanguage(undefined, ['en-US', 'fr'])).toBe('en');
    expect(pickLanguage(undefined, ['EN'])).toBe('en');
  });

  it('falls back to French for any other browser language or a bad saved value', () => {
    expect(pickLanguage(undefined, ['de-DE', 'en'])).toBe('fr');
    expect(pickLanguage(undefined, [])).toBe('fr');
    expect(pickLanguage('es', ['es-ES'])).toBe('fr');
    expect(pickLanguage(42, ['eng'])).toBe('fr');
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('fr', 'home.lastOpened', { date: '3 mai' })).toBe('Ouverte le 3 mai');
    expect(translate('en', 'footer.version', {})).toBe('Version {version}');
  });

  it('falls back to French when a translation is missing at run time', () => {
    const key = 'sync.synced';
    const saved = en[key];
    try {
      delete (en as Partial<Record<keyof typeof fr, string>>)[key];
      expect(translate('en', key)).toBe(fr[key]);
    } finally {
      en[key] = saved;
    }
  });

  it('has an English text for every French key, and no empty one', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const value of Object.values(en)) expect(value.trim()).not.toBe('');
  });
});
