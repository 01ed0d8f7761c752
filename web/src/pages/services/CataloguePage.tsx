/**
 * 网上办事 The catalogue of service matters, the door to 全程网办: search by
 * name, filter by theme (international talent, village services …) and by
 * kind of matter. It is in the first-load chunk with the citizen portal, so
 * it reads only the API's own labels and the UI tables (no domain code).
 * The query is in the URL, so a search can be shared or come back to.
 */
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useLoad } from '../../api/hooks';
import type { MatterSummary } from '../../api/services-types';
import { Empty, ErrorBanner, Loading } from '../../components/feedback';
import { SelectField, TextField } from '../../components/fields';
import { type MessageKey, useI18n } from '../../i18n';

export const MATTER_TAGS = [
  'international',
  'village',
  'science-city',
  'talent',
  'business',
  'family',
  'elderly',
  'education',
  'housing',
  'insurance',
  'agriculture',
  'tourism',
] as const;
const MATTER_TYPES = ['licence', 'benefit', 'confirmation', 'filing', 'public_service'] as const;

export function tagLabel(tag: string, t: (k: MessageKey) => string): string {
  return (MATTER_TAGS as readonly string[]).includes(tag)
    ? t(`tag.${tag as (typeof MATTER_TAGS)[number]}`)
    : tag;
}

function MatterCard({ m }: { m: MatterSummary }) {
  const { t, l } = useI18n();
  return (
    <li className="matter-card">
      <h2>
        <Link to={`/services/matters/${m.code}`} data-testid="matter-link" data-code={m.code}>
          {l(m.name)}
        </Link>
      </h2>
      <p className="sub">
        {l(m.department.name)} · {l(m.typeLabel)}
      </p>
      <p className="matter-facts">
        {m.fullyOnline ? (
          <span className="chip chip-ok">{t('svc.fullyOnline')}</span>
        ) : (
          <span className="chip">{t('svc.visits', { n: m.visits })}</span>
        )}{' '}
        <span>{t('svc.promisedLegal', { promised: m.promisedDays, legal: m.legalDays })}</span>
        {' · '}
        <span>{m.fee.yuan === 0 ? t('svc.free') : t('svc.fee', { yuan: m.fee.yuan })}</span>
      </p>
      <p className="matter-summary">{l(m.summary)}</p>
      {m.tags.length ? (
        <p className="tags">
          {m.tags.map((tag) => (
            <span key={tag} className="chip">
              {tagLabel(tag, t)}
            </span>
          ))}
        </p>
      ) : null}
    </li>
  );
}

export function CataloguePage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const tag = params.get('tag') ?? '';
  const type = params.get('type') ?? '';
  const [text, setText] = useState(q);
  const list = useLoad(
    (signal) =>
      api<{ items: MatterSummary[]; total: number }>('/api/services/matters', {
        query: { q, tag, type },
        signal,
      }),
    [q, tag, type, lang],
  );
  const set = (next: Record<string, string>) => {
    const merged = { q, tag, type, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v)));
  };
  const search = (ev: FormEvent) => {
    ev.preventDefault();
    set({ q: text.trim() });
  };

  return (
    <section className="page" data-testid="services-catalogue">
      <h1>{t('svc.title')}</h1>
      <p className="lead">{t('svc.intro')}</p>
      <p className="actions-row">
        <Link to="/services/mine">{t('svc.mine')}</Link>
        <Link to="/verify">{t('verify.title')}</Link>
      </p>
      <form className="inline-form catalogue-search" onSubmit={search} data-testid="catalogue-search">
        <TextField
          label={t('svc.search')}
          type="search"
          value={text}
          onChange={setText}
          name="q"
          maxLength={100}
        />
        <SelectField
          label={t('svc.theme')}
          value={tag}
          onChange={(v) => set({ tag: v })}
          placeholder={t('common.all')}
          options={MATTER_TAGS.map((x) => ({ value: x, label: t(`tag.${x}`) }))}
          name="tag"
        />
        <SelectField
          label={t('svc.type')}
          value={type}
          onChange={(v) => set({ type: v })}
          placeholder={t('common.all')}
          options={MATTER_TYPES.map((x) => ({ value: x, label: t(`mtype.${x}`) }))}
          name="type"
        />
        <button type="submit" className="btn btn-primary">
          {t('common.search')}
        </button>
      </form>
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorBanner error={list.error} />
      {list.data ? (
        <>
          <p className="hint" role="status" data-testid="catalogue-count">
            {t('svc.count', { n: list.data.total })}
          </p>
          {list.data.items.length ? (
            <ul className="matters" data-testid="matters">
              {list.data.items.map((m) => (
                <MatterCard key={m.code} m={m} />
              ))}
            </ul>
          ) : (
            <Empty text={t('svc.noMatters')} />
          )}
        </>
      ) : null}
    </section>
  );
}
