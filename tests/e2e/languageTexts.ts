import type { Page } from '@playwright/test';

/** Attributes whose text is read out or shown (the editor's placeholder is a data attribute). */
const ATTRIBUTE_NAMES = [
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'placeholder',
  'data-placeholder',
  'title',
  'alt',
];

/**
 * Every text a person can see or hear on the page: visible text nodes, the options of
 * visible selects, the labels and hints in attributes (aria-label, placeholder, title, alt,
 * aria-roledescription), and the document's title. Attribute texts are prefixed with the
 * attribute's name, so "@aria-label Fermer" is compared with its translation.
 */
export function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate((ATTRIBUTES) => {
    const texts = new Set<string>();
    const add = (text: string | null | undefined, prefix = '') => {
      const clean = (text ?? '').replace(/\s+/g, ' ').trim();
      if (clean) texts.add(prefix + clean);
    };
    const visible = (element: Element) =>
      element.checkVisibility({ visibilityProperty: true, opacityProperty: false });
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || ['SCRIPT', 'STYLE', 'OPTION'].includes(parent.tagName)) continue;
      if (visible(parent)) add(node.textContent);
    }
    for (const element of document.body.querySelectorAll('*')) {
      if (!visible(element)) continue;
      for (const name of ATTRIBUTES) {
        add(element.getAttribute(name), `@${name} `);
      }
      if (element instanceof HTMLSelectElement) {
        for (const option of element.options) add(option.text);
      }
    }
    add(document.title, '@document.title ');
    return [...texts].sort();
  }, ATTRIBUTE_NAMES);
}

/** A message key shown instead of its text: "files.export", "tabs.items"… */
export const RAW_KEY = /^(@[\w.-]+ )?[a-z][a-zA-Z]*(\.[a-zA-Z0-9-]+)+$/;

/**
 * Texts that are the same in French and English: names the test typed, the app's name,
 * numbers, symbols and words both languages share. Anything else equal in both is untranslated.
 */
export function sameInBoth(typed: readonly string[]): (text: string) => boolean {
  const names = new Set([
    'Ensemble',
    // Each language is named in itself in the language menus.
    'Français',
    'English',
    ...typed,
  ]);
  // Words spelt the same in both languages (compared without case).
  const words = new Set(['discussions', 'description', 'notes', 'message', 'messages', 'version']);
  // The notes toolbar's italic button: "I" in both languages; the initials of typed names
  // (presence lists show each person's initial).
  const letters = new Set(['I', ...typed.map((name) => name.charAt(0).toUpperCase())]);
  return (text) => {
    const bare = text.replace(/^@[\w.-]+ /, '');
    if (names.has(bare) || letters.has(bare)) return true;
    // Digits, arrows, bullets and punctuation only: dates, times, counts, icons.
    if (/^[^\p{L}]*$/u.test(bare)) return true;
    // The relay address; a name with the app's name (the document title).
    if (/^wss?:\/\//.test(bare) || [...names].some((name) => bare === `${name} · Ensemble`)) {
      return true;
    }
    const rest = bare
      .replace(/[^\p{L}]+/gu, ' ')
      .trim()
      .toLowerCase()
      .split(' ');
    return rest.every((word) => words.has(word));
  };
}
