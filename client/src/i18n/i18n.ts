import { fr, type MessageKey } from './fr';

export const Language = { fr: 'fr', en: 'en' } as const;
export type Language = (typeof Language)[keyof typeof Language];
export const LANGUAGES: readonly Language[] = [Language.fr, Language.en];
export const DEFAULT_LANGUAGE: Language = Language.fr;

export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

type Dictionary = Readonly<Record<MessageKey, string>>;

// French is the default and the fallback: always loaded. English is loaded on demand
// (precached by the service worker), so French readers do not download it.
const dictionaries: Partial<Record<Language, Dictionary>> = { fr };
const loading: Partial<Record<Language, Promise<void>>> = {};

/** Loads `language`'s messages; until then (or if that fails) French is shown. */
export function loadLanguage(language: Language): Promise<void> {
  if (dictionaries[language]) return Promise.resolve();
  loading[language] ??= import('./en').then((module) => {
    dictionaries[language] = module.en;
  });
  return loading[language];
}

export function isLanguage(value: unknown): value is Language {
  return value === Language.fr || value === Language.en;
}

/**
 * The saved choice wins; otherwise English when the browser's first language is
 * English; otherwise French (the communities' language).
 */
export function pickLanguage(saved: unknown, browserLanguages: readonly string[]): Language {
  if (isLanguage(saved)) return saved;
  const first = browserLanguages[0]?.toLowerCase() ?? '';
  return first === 'en' || first.startsWith('en-') ? Language.en : DEFAULT_LANGUAGE;
}

/** Looks `key` up in `language`, falling back to French, and fills `{name}` placeholders. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  return fillTemplate(dictionaries[language]?.[key] ?? fr[key] ?? key, params);
}

/** Fills `{name}` placeholders; unknown ones stay as they are. */
export function fillTemplate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined ? match : String(value);
  });
}

export function translator(language: Language): Translate {
  return (key, params) => translate(language, key, params);
}

export type { MessageKey };
