/**
 * The UI language: Chinese by default, English on request; the choice is
 * kept in localStorage, mirrored on <html lang> and sent to the API so its
 * messages match. `t(key, params)` fills `{name}` placeholders.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setApiLanguage } from '../api/client';
import { en } from './en';
import { type MessageKey, zh } from './zh';

export type Lang = 'zh' | 'en';
export type { MessageKey };
export type Params = Record<string, string | number>;

const TABLES: Record<Lang, Record<MessageKey, string>> = { zh, en };
const STORAGE_KEY = 'jiesu.lang';

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = TABLES[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/** The language chosen on an earlier visit (Chinese when none). */
export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // storage may be blocked (private mode); Chinese is the default either way
  }
  return 'zh';
}

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Params): string;
  /** a bilingual label from the API, in the UI language */
  l(label: { zh: string; en: string } | null | undefined): string;
  fmtDateTime(iso: string | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  setApiLanguage(lang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = TABLES[lang]['app.name'];
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    setApiLanguage(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted: the choice still holds for this visit
    }
  }, []);
  const value = useMemo<I18n>(() => {
    // made on first use: the first Intl formatter of a page loads the locale's and the time
    // zone's data (well over 100 ms on a busy machine), which most first screens never need
    let dtf: Intl.DateTimeFormat | null = null;
    const format = (d: Date) => {
      dtf ??= new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        timeZone: 'Asia/Shanghai',
      });
      return dtf.format(d);
    };
    return {
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      l: (label) => (label ? label[lang] : ''),
      fmtDateTime: (iso) => (iso ? format(new Date(iso)) : '—'),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
