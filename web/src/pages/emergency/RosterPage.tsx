/**
 * 值班表 The on-duty roster of one unit: who a notice reaches now, the
 * shifts of a date range (Beijing days) with their gaps and overlaps, and
 * for roster editors (INCIDENT_POLICY[role].roster === 'edit', the table
 * the API checks) adding and removing a shift. The unit defaults to the
 * district command centre, whose duty every chain reaches in the end.
 */
import { addDays, instantAt, localDate } from '@domain/calendar';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { RosterFeed } from '../../api/emergency-types';
import { useLoad, useReference } from '../../api/hooks';
import { useSession } from '../../auth/session';
import { ErrorBanner, Loading, Success } from '../../components/feedback';
import { SelectField, TextField } from '../../components/fields';
import { editsRoster } from '../../emergency/access';
import { DutyNowPanel } from '../../emergency/DutyNowPanel';
import { RosterTable } from '../../emergency/RosterTable';
import { ShiftForm } from '../../emergency/ShiftForm';
import { useI18n } from '../../i18n';
import '../../styles/emergency.css';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export default function RosterPage() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const ref = useReference();
  const [params, setParams] = useSearchParams();
  const today = localDate(new Date());
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(addDays(today, 6));
  const [version, setVersion] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const units = ref.data?.units ?? [];
  const unitId =
    Number(params.get('unit')) || units.find((u) => u.code === 'centre')?.id || units[0]?.id || 0;
  const range = DATE.test(from) && DATE.test(to) ? { from, to } : null;
  const roster = useLoad(
    (signal) =>
      unitId && range
        ? api<RosterFeed>('/api/duty/shifts', {
            query: {
              unit: String(unitId),
              from: instantAt(range.from, 0).toISOString(),
              // the last day counts whole
              to: instantAt(addDays(range.to, 1), 0).toISOString(),
            },
            signal,
          })
        : Promise.resolve(null),
    [unitId, range?.from, range?.to, version, lang],
  );
  const canEdit = editsRoster(user?.role);
  const changed = (message: string) => {
    setDone(message);
    setVersion((v) => v + 1);
  };

  if (ref.loading && !ref.data) return <Loading />;
  return (
    <section className="page wide" data-testid="roster-page">
      <p>
        <Link to="/emergency">← {t('em.back')}</Link>
      </p>
      <h1>{t('emd.heading')}</h1>
      <ErrorBanner error={ref.error} />
      <div className="inline-form">
        <SelectField
          label={t('emd.unit')}
          required
          value={unitId ? String(unitId) : ''}
          onChange={(v) => {
            setDone(null);
            setParams({ unit: v });
          }}
          options={units.map((u) => ({ value: String(u.id), label: lang === 'zh' ? u.name : u.nameEn }))}
          name="unit"
        />
        <TextField label={t('emd.from')} required type="date" value={from} onChange={setFrom} name="from" />
        <TextField label={t('emd.to')} required type="date" value={to} onChange={setTo} name="to" />
      </div>
      {unitId ? (
        <div className="em-detail">
          <section className="panel stack" aria-label={t('emd.roster')}>
            <h2>{t('emd.roster')}</h2>
            {done ? <Success>{done}</Success> : null}
            <ErrorBanner error={error ?? roster.error} />
            {roster.loading && !roster.data ? <Loading /> : null}
            {roster.data ? (
              <RosterTable
                feed={roster.data}
                canEdit={canEdit}
                onDelete={async (id) => {
                  setError(null);
                  try {
                    await api<void>(`/api/duty/shifts/${id}`, { method: 'DELETE' });
                    changed(t('emd.deleted'));
                  } catch (e) {
                    setError(e);
                  }
                }}
              />
            ) : null}
          </section>
          <aside className="stack">
            <DutyNowPanel unitId={unitId} version={version} />
            {canEdit ? <ShiftForm unitId={unitId} onSaved={() => changed(t('emd.added'))} /> : null}
          </aside>
        </div>
      ) : null}
    </section>
  );
}
