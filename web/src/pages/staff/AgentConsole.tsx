/**
 * 受理台 — the hotline agent's console: the intake form, live suggestions
 * from smart intake as the agent types (if that service is up), the caller's
 * history, and, once recorded, the new ticket with dispatch / answer /
 * merge as the server allows, preset from the suggestions.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, api, newIdempotencyKey } from '../../api/client';
import { useReference } from '../../api/hooks';
import type { Ticket } from '../../api/types';
import { useDraft } from '../../components/draft';
import { Success } from '../../components/feedback';
import { useI18n } from '../../i18n';
import { CallerHistory } from '../../staff/CallerHistory';
import { EMPTY_INTAKE, type IntakeDraft, IntakeForm } from '../../staff/IntakeForm';
import { SuggestPanel } from '../../staff/SuggestPanel';
import { fetchSuggestions, type Suggestion, type SuggestState } from '../../staff/suggest';
import { TicketSearch } from '../../staff/TicketSearch';
import { TicketView } from '../../staff/TicketView';
import { PHONE_RE } from '../citizen/validate';

export default function AgentConsole() {
  const { t, lang } = useI18n();
  const ref = useReference();
  const [params, setParams] = useSearchParams();
  const [draft, patch, reset] = useDraft<IntakeDraft>('agent-intake', EMPTY_INTAKE);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [suggestState, setSuggestState] = useState<SuggestState>('idle');
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [applied, setApplied] = useState<string | null>(null);
  const [picked, setPicked] = useState<{ unitId?: string; answer?: string; merge?: string }>({});
  const [createdNumber, setCreatedNumber] = useState<string | null>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);
  const created = Number(params.get('t')) || null;

  const text = draft.description.trim();
  useEffect(() => {
    if (suggestState === 'off' || [...text].length < 6) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      fetchSuggestions(
        { text, ...(draft.address.trim() ? { address: draft.address.trim() } : {}) },
        lang,
        ctrl.signal,
      ).then(
        (r) => {
          setSuggestState(r.state);
          setSuggestions(r.items);
        },
        () => {
          // a failing suggestion service must never get in the agent's way
        },
      );
    }, 350);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [text, draft.address, lang, suggestState]);

  const apply = useCallback(
    (s: Suggestion) => {
      setApplied(s.label);
      if (s.kind === 'category') patch({ categoryId: s.value });
      if (s.kind === 'area') {
        const area = ref.data?.areas.find((a) => a.code === s.value);
        const town = area?.townshipCode ?? (s.value.length === 9 ? s.value : '');
        patch({ town, village: area && area.code !== town ? area.code : '' });
      }
      if (s.kind === 'unit') setPicked((p) => ({ ...p, unitId: s.value }));
      if (s.kind === 'knowledge') setPicked((p) => ({ ...p, answer: s.answer }));
      if (s.kind === 'similar') setPicked((p) => ({ ...p, merge: s.value }));
    },
    [patch, ref.data],
  );

  const submit = async () => {
    const e = {
      description: text ? undefined : t('v.required', { field: t('field.description') }),
      phone: draft.phone.trim() && !PHONE_RE.test(draft.phone.trim()) ? t('v.phone') : undefined,
    };
    setErrors(e);
    setServerError(null);
    if (e.description || e.phone) {
      descriptionRef.current?.focus();
      return;
    }
    const key = draft.key || newIdempotencyKey();
    if (!draft.key) patch({ key });
    setBusy(true);
    try {
      const tk = await api<Ticket>('/api/tickets', {
        idempotencyKey: key,
        body: {
          channel: 'phone',
          type: draft.type,
          description: text,
          categoryId: draft.categoryId ? Number(draft.categoryId) : null,
          areaCode: draft.village || draft.town || null,
          address: draft.address.trim() || null,
          anonymous: draft.anonymous,
          citizen: draft.anonymous
            ? undefined
            : { name: draft.name.trim() || null, phone: draft.phone.trim() || null },
          urgency: draft.urgent ? 'urgent' : 'normal',
        },
      });
      reset();
      setSuggestions([]);
      setApplied(null);
      setCreatedNumber(tk.number);
      setParams({ t: String(tk.id) });
    } catch (err) {
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) patch({ key: '' });
      setServerError(err);
    } finally {
      setBusy(false);
    }
  };

  const newCall = () => {
    setParams({});
    setPicked({});
    setCreatedNumber(null);
    setTimeout(() => descriptionRef.current?.focus(), 0);
  };

  return (
    <section className="page wide console" data-testid="agent-console">
      <h1>{t('agent.title')}</h1>
      <p className="hint">{t('agent.shortcuts')}</p>
      <div className="console-grid">
        <div>
          {created ? (
            <>
              {createdNumber ? (
                <Success>
                  <p data-testid="intake-created">{t('agent.created', { number: createdNumber })}</p>
                </Success>
              ) : null}
              <button type="button" className="btn" onClick={newCall}>
                {t('agent.newCall')}
              </button>
              <TicketView
                key={created}
                id={created}
                presets={{
                  dispatch: picked.unitId ? { mainUnitId: picked.unitId } : undefined,
                  answer: picked.answer ? { text: picked.answer } : undefined,
                  merge: picked.merge ? { targetNumber: picked.merge } : undefined,
                }}
              />
            </>
          ) : (
            <IntakeForm
              draft={draft}
              patch={patch}
              reference={ref.data}
              errors={errors}
              serverError={serverError}
              busy={busy}
              onSubmit={() => void submit()}
              descriptionRef={descriptionRef}
            />
          )}
        </div>
        <div className="console-side">
          <SuggestPanel state={suggestState} items={suggestions} applied={applied} onApply={apply} />
          <CallerHistory phone={draft.anonymous ? '' : draft.phone} />
          <TicketSearch />
        </div>
      </div>
    </section>
  );
}
