/** The suggestion list beside the intake form; Alt+1…9 applies the numbered one. */
import { useEffect } from 'react';
import { type MessageKey, useI18n } from '../i18n';
import type { Suggestion, SuggestionKind, SuggestState } from './suggest';

const KIND_KEYS: Record<SuggestionKind, MessageKey> = {
  category: 'agent.sugCategory',
  area: 'agent.sugArea',
  unit: 'agent.sugUnit',
  similar: 'agent.sugSimilar',
  knowledge: 'agent.sugKnowledge',
};

export function SuggestPanel({
  state,
  items,
  applied,
  onApply,
}: {
  state: SuggestState;
  items: Suggestion[];
  applied: string | null;
  onApply(s: Suggestion): void;
}) {
  const { t } = useI18n();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const n = Number(e.code.replace(/^(Digit|Numpad)/, ''));
      if (!Number.isInteger(n) || n < 1 || n > 9) return;
      const s = items[n - 1];
      if (!s) return;
      e.preventDefault();
      onApply(s);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, onApply]);

  return (
    <section className="panel" aria-labelledby="sug-h" data-testid="suggestions">
      <h2 id="sug-h">{t('agent.suggestions')}</h2>
      <div aria-live="polite">
        {state === 'off' ? (
          <p className="hint" data-testid="suggest-off">
            {t('agent.suggestOff')}
          </p>
        ) : null}
        {state !== 'off' && !items.length ? <p className="hint">{t('agent.suggestIdle')}</p> : null}
        {applied ? <p className="hint">{t('agent.applied', { what: applied })}</p> : null}
      </div>
      <ol className="suggestions">
        {items.map((s, i) => (
          <li key={`${s.kind}-${s.value}`}>
            <button type="button" className="btn btn-quiet sug" onClick={() => onApply(s)}>
              <kbd>Alt+{i + 1}</kbd> <span className="chip">{t(KIND_KEYS[s.kind])}</span> {s.label}
              {s.detail ? <span className="sub"> {s.detail}</span> : null}
              {s.confidence !== undefined ? (
                <span className="sub"> {Math.round(s.confidence * 100)}%</span>
              ) : null}
            </button>
            {s.answer ? <p className="sub">{s.answer}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
