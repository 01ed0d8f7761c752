/**
 * 工作日历 The working calendar every working-time deadline counts on: the
 * holidays and adjusted working weekends of a year (add, remove), and the
 * office hours of a working day (periods such as 09:00–12:00, 13:00–18:00).
 */
import { useState } from 'react';
import type { CalendarYear } from '../../api/admin-types';
import { api } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/feedback';
import { RadioGroup, TextField } from '../../components/fields';
import { useI18n } from '../../i18n';
import { type Errors, FormShell, useSubmit, useValues } from './admin-kit';

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;
const minutes = (hhmm: string) => {
  const m = TIME.exec(hhmm.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
};

function DayForm({ onSaved }: { onSaved(): void }) {
  const { t } = useI18n();
  const [v, patch] = useValues({ date: '', kind: 'holiday', name: '' });
  const state = useSubmit();
  const submit = () =>
    state.run(
      (): Errors => ({
        date: /^\d{4}-\d{2}-\d{2}$/.test(v.date) ? undefined : t('v.required', { field: t('adm.cal.date') }),
      }),
      async () => {
        await api(`/api/admin/calendar/days/${v.date}`, {
          method: 'PUT',
          body: { kind: v.kind, ...(v.name.trim() ? { name: v.name.trim() } : {}) },
        });
        onSaved();
        return t('adm.saved');
      },
    );
  return (
    <FormShell
      title={t('adm.cal.add')}
      testId="calendar-day-form"
      submit={t('adm.save')}
      onSubmit={() => void submit()}
      state={state}
    >
      <div className="grid-2">
        <TextField
          label={t('adm.cal.date')}
          required
          type="date"
          value={v.date}
          onChange={(x) => patch({ date: x })}
          error={state.errors.date}
          name="date"
        />
        <TextField
          label={t('adm.cal.name')}
          value={v.name}
          onChange={(x) => patch({ name: x })}
          error={state.errors.name}
          maxLength={100}
          name="dayName"
        />
      </div>
      <RadioGroup
        legend={t('adm.cal.kind')}
        name="kind"
        value={v.kind}
        onChange={(x) => patch({ kind: x })}
        error={state.errors.kind}
        options={[
          { value: 'holiday', label: t('adm.cal.holiday') },
          { value: 'workday', label: t('adm.cal.workday') },
        ]}
      />
    </FormShell>
  );
}

function PeriodsForm({ periods, onSaved }: { periods: CalendarYear['periods']; onSaved(): void }) {
  const { t } = useI18n();
  const [rows, setRows] = useState(periods.map((p) => ({ start: p.start, end: p.end })));
  const state = useSubmit();
  const submit = () =>
    state.run(
      (): Errors => {
        const e: Errors = {};
        rows.forEach((r, i) => {
          const [s, f] = [minutes(r.start), minutes(r.end)];
          if (Number.isNaN(s) || Number.isNaN(f) || s >= f)
            e[`periods.${i}`] = t('adm.cal.periodBad', { n: i + 1 });
        });
        if (!rows.length) e.periods = t('adm.cal.periodNone');
        return e;
      },
      async () => {
        await api('/api/admin/calendar/periods', {
          method: 'PUT',
          body: { periods: rows.map((r) => [minutes(r.start), minutes(r.end)]) },
        });
        onSaved();
        return t('adm.saved');
      },
    );
  return (
    <FormShell
      title={t('adm.cal.periods')}
      testId="periods-form"
      submit={t('adm.save')}
      onSubmit={() => void submit()}
      state={state}
    >
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: periods have no identity beyond their place
        <div className="inline-form" key={i}>
          <TextField
            label={t('adm.cal.start', { n: i + 1 })}
            value={r.start}
            placeholder="09:00"
            onChange={(x) => setRows(rows.map((y, j) => (j === i ? { ...y, start: x } : y)))}
            error={state.errors[`periods.${i}`]}
            maxLength={5}
            name={`start-${i}`}
          />
          <TextField
            label={t('adm.cal.end', { n: i + 1 })}
            value={r.end}
            placeholder="12:00"
            onChange={(x) => setRows(rows.map((y, j) => (j === i ? { ...y, end: x } : y)))}
            maxLength={5}
            name={`end-${i}`}
          />
          <button
            type="button"
            className="btn btn-quiet"
            onClick={() => setRows(rows.filter((_, j) => j !== i))}
          >
            {t('svc.remove')}
            <span className="sr-only"> {i + 1}</span>
          </button>
        </div>
      ))}
      <button type="button" className="btn" onClick={() => setRows([...rows, { start: '', end: '' }])}>
        {t('adm.cal.addPeriod')}
      </button>
    </FormShell>
  );
}

export function CalendarSection() {
  const { t } = useI18n();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const y = /^\d{4}$/.test(year) ? Number(year) : new Date().getFullYear();
  const cal = useLoad(
    (signal) => api<CalendarYear>('/api/reference/calendar', { query: { year: y }, signal, fresh: true }),
    [y],
  );
  const [error, setError] = useState<unknown>(null);
  const remove = async (date: string) => {
    setError(null);
    try {
      await api(`/api/admin/calendar/days/${date}`, { method: 'DELETE' });
      cal.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="admin-split">
      <div className="stack">
        <TextField
          label={t('adm.cal.year')}
          inputMode="numeric"
          value={year}
          onChange={setYear}
          maxLength={4}
          name="year"
        />
        {cal.loading && !cal.data ? <Loading /> : null}
        <ErrorBanner error={cal.error ?? error} />
        {cal.data ? (
          <>
            <p className="hint">
              {t('adm.cal.workingDays', { year: cal.data.year, n: cal.data.workingDays })}
            </p>
            <div className="table-scroll">
              <table className="tickets" data-testid="calendar-days">
                <caption className="sr-only">{t('admin.calendar')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('adm.cal.date')}</th>
                    <th scope="col">{t('adm.cal.kind')}</th>
                    <th scope="col">{t('adm.cal.name')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('adm.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {cal.data.days.map((d) => (
                    <tr key={d.date}>
                      <td>{d.date}</td>
                      <td>{d.kind === 'holiday' ? t('adm.cal.holiday') : t('adm.cal.workday')}</td>
                      <td>{d.name ?? ''}</td>
                      <td>
                        <button type="button" className="btn btn-quiet" onClick={() => void remove(d.date)}>
                          {t('adm.delete')}
                          <span className="sr-only"> {d.date}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </div>
      <div className="stack">
        <DayForm onSaved={cal.reload} />
        {cal.data ? (
          <PeriodsForm
            key={cal.data.periods.map((p) => p.start).join()}
            periods={cal.data.periods}
            onSaved={cal.reload}
          />
        ) : null}
      </div>
    </div>
  );
}
