import { describe, expect, it } from 'vitest';
import { defineMessages, type FeatureMessages, translateFeature } from './featureMessages';

// Every screen loaded on demand keeps its texts in a `messages.ts` (or `xxxMessages.ts`) beside it.
const modules = import.meta.glob<Record<string, unknown>>('../ui/**/*{messages,Messages}.ts', {
  eager: true,
});

const isFeatureMessages = (value: unknown): value is FeatureMessages<string> =>
  typeof value === 'object' && value !== null && 'fr' in value && 'en' in value;

describe('feature messages', () => {
  it('translate with placeholders, falling back to French for a missing English text', () => {
    const messages = defineMessages({ hello: 'Bonjour {name}' }, { hello: 'Hello {name}' });
    expect(translateFeature(messages, 'en')('hello', { name: 'Léa' })).toBe('Hello Léa');
    expect(translateFeature(messages, 'fr')('hello', { name: 'Léa' })).toBe('Bonjour Léa');
    const partial = { fr: messages.fr, en: {} as Record<'hello', string> };
    expect(translateFeature(partial, 'en')('hello')).toBe('Bonjour {name}');
  });

  it('every feature has an English text for each French key, none empty', () => {
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(14);
    for (const [file, module] of Object.entries(modules)) {
      for (const [name, value] of Object.entries(module)) {
        if (!isFeatureMessages(value)) continue;
        const where = `${file} ${name}`;
        expect(Object.keys(value.en).sort(), where).toEqual(Object.keys(value.fr).sort());
        for (const text of [...Object.values(value.fr), ...Object.values(value.en)]) {
          expect(text.trim(), where).not.toBe('');
        }
      }
    }
  });
});
