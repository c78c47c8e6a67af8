import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { type Language, loadLanguage, type Translate, translator } from './i18n';

interface I18nValue {
  readonly language: Language;
  readonly t: Translate;
  readonly setLanguage: (language: Language) => void;
}

const I18nContext = createContext<I18nValue | undefined>(undefined);

export function I18nProvider(props: {
  initial: Language;
  onChange: (language: Language) => void;
  children: ReactNode;
}) {
  const { initial, onChange, children } = props;
  const [language, setLanguageState] = useState(initial);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback(
    (next: Language) => {
      onChange(next);
      // Shown once its messages are here (at once when already loaded or cached).
      const show = () => setLanguageState(next);
      loadLanguage(next).then(show, show);
    },
    [onChange],
  );
  const value = useMemo(
    () => ({ language, t: translator(language), setLanguage }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside <I18nProvider>');
  return value;
}
