import { useCallback } from 'react';
import { useI18n } from './I18nProvider';
import { fillTemplate, type Language, type MessageParams } from './i18n';

/**
 * The messages of one screen loaded on demand (items, projects, members…): both
 * languages live in that screen's own chunk, so the first load carries only the
 * shell's French. French is the source of the keys; English must have every one
 * (the type says so, and `i18n.test.ts` checks none is left untranslated).
 */
export interface FeatureMessages<Key extends string> {
  readonly fr: Readonly<Record<Key, string>>;
  readonly en: Readonly<Record<Key, string>>;
}

export function defineMessages<const Fr extends Record<string, string>>(
  fr: Fr,
  en: Readonly<Record<keyof Fr & string, string>>,
): FeatureMessages<keyof Fr & string> {
  return { fr, en };
}

export type FeatureTranslate<Key extends string> = (key: Key, params?: MessageParams) => string;

export function translateFeature<Key extends string>(
  messages: FeatureMessages<Key>,
  language: Language,
): FeatureTranslate<Key> {
  return (key, params) => fillTemplate(messages[language][key] ?? messages.fr[key] ?? key, params);
}

/** `t` for a feature's own messages, in the language the person chose. */
export function useMessages<Key extends string>(
  messages: FeatureMessages<Key>,
): FeatureTranslate<Key> {
  const { language } = useI18n();
  // biome-ignore lint/correctness/useExhaustiveDependencies: messages are module constants
  return useCallback(translateFeature(messages, language), [language]);
}
