/**
 * 事项管理 The catalogue of service matters for the admin: pick a matter,
 * stop it (no new applications) or resume it, see its version history (each
 * version opens as the public saw it), and publish a new version of its
 * guide. Stopped matters leave the public catalogue, so one is opened by
 * its code (the catalogue API lists active matters only).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useLoad } from '../../api/hooks';
import type { MatterGuide, MatterSummary, MatterVersions } from '../../api/services-types';
import { ErrorBanner, Loading, Success } from '../../components/feedback';
import { SelectField, TextField } from '../../components/fields';
import { useI18n } from '../../i18n';
import { MatterEditor } from './MatterEditor';

function MatterPanel({ code, onChanged }: { code: string; onChanged(): void }) {
  const { t, l, fmtDateTime } = useI18n();
  const guide = useLoad(
    (signal) =>
      api<MatterGuide>(`/api/services/matters/${encodeURIComponent(code)}`, { signal, fresh: true }),
    [code],
  );
  const versions = useLoad(
    (signal) =>
      api<MatterVersions>(`/api/services/matters/${encodeURIComponent(code)}/versions`, {
        signal,
        fresh: true,
      }),
    [code],
  );
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (guide.loading && !guide.data) return <Loading />;
  if (!guide.data) return <ErrorBanner error={guide.error} />;
  const g = guide.data;
  const active = versions.data?.active ?? g.active;

  const toggle = async () => {
    setError(null);
    setNotice(null);
    try {
      await api(`/api/admin/services/matters/${g.code}`, { method: 'PATCH', body: { active: !active } });
      setNotice(active ? t('adm.mat.stopped') : t('adm.mat.resumed'));
      versions.reload();
      guide.reload();
      onChanged();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className="stack" data-testid="matter-admin" data-code={g.code}>
      <h2>
        {l(g.name)} <span className="sub-inline">{g.code}</span>
      </h2>
      <p>
        <span className={`chip${active ? ' chip-ok' : ' chip-warn'}`} data-testid="matter-active">
          {active ? t('adm.mat.active') : t('adm.mat.inactive')}
        </span>{' '}
        {t('svc.versionOf', { version: g.version, current: g.currentVersion })}
      </p>
      <ErrorBanner error={error} />
      {notice ? <Success>{notice}</Success> : null}
      <p className="actions-row">
        <button type="button" className="btn" onClick={() => void toggle()} data-testid="matter-toggle">
          {active ? t('adm.mat.stop') : t('adm.mat.resume')}
        </button>
        <Link className="btn btn-quiet" to={`/services/matters/${g.code}`} target="_blank">
          {t('adm.mat.viewPublic')}
        </Link>
      </p>
      <section className="panel">
        <h3>{t('adm.mat.history')}</h3>
        <ErrorBanner error={versions.error} />
        <div className="table-scroll">
          <table className="tickets" data-testid="matter-versions">
            <caption className="sr-only">{t('adm.mat.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('svc.version')}</th>
                <th scope="col">{t('admin.name')}</th>
                <th scope="col">{t('svc.limitsDays')}</th>
                <th scope="col">{t('svc.visitsLabel')}</th>
                <th scope="col">{t('adm.mat.note')}</th>
                <th scope="col">{t('adm.mat.publishedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {(versions.data?.items ?? []).map((v) => (
                <tr key={v.version}>
                  <td>
                    <Link to={`/services/matters/${g.code}?version=${v.version}`} target="_blank">
                      v{v.version}
                    </Link>
                  </td>
                  <td>{l(v.name)}</td>
                  <td>{t('svc.promisedLegal', { promised: v.promisedDays, legal: v.legalDays })}</td>
                  <td>{v.visits}</td>
                  <td>{v.note ?? ''}</td>
                  <td>{fmtDateTime(v.publishedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <MatterEditor
        key={g.code}
        guide={g}
        onPublished={(published) => {
          guide.set(published);
          versions.reload();
          onChanged();
        }}
      />
    </div>
  );
}

export function MattersSection() {
  const { t, l, lang } = useI18n();
  const [tick, setTick] = useState(0);
  const list = useLoad(
    (signal) => api<{ items: MatterSummary[] }>('/api/services/matters', { signal, fresh: true }),
    [lang, tick],
  );
  const [code, setCode] = useState('');
  const [typed, setTyped] = useState('');
  return (
    <div className="stack">
      <div className="inline-form">
        <SelectField
          label={t('svc.matter')}
          value={code}
          onChange={setCode}
          placeholder={t('field.choose')}
          options={(list.data?.items ?? []).map((m) => ({
            value: m.code,
            label: `${l(m.name)} (${m.code})`,
          }))}
          name="matter"
        />
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (/^[a-z0-9-]{3,60}$/.test(typed.trim())) setCode(typed.trim());
          }}
        >
          <TextField
            label={t('adm.mat.byCode')}
            hint={t('adm.mat.byCodeHint')}
            value={typed}
            onChange={setTyped}
            maxLength={60}
            name="matterCode"
          />
          <button type="submit" className="btn">
            {t('adm.mat.open')}
          </button>
        </form>
      </div>
      {list.loading && !list.data ? <Loading /> : <ErrorBanner error={list.error} />}
      {code ? <MatterPanel key={code} code={code} onChanged={() => setTick((n) => n + 1)} /> : null}
    </div>
  );
}
