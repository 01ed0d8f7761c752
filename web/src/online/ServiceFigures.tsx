/**
 * 网办指标 Online-service figures per department for a period: the share of
 * matters handled fully online, the on-time rate, average working days
 * against the promised days, and the good-rating rate 好评率. The same table
 * on the leadership dashboard (signed in) and on the open-data page
 * (aggregates only, no application and no person behind them).
 */
import { api } from '../api/client';
import { useLoad } from '../api/hooks';
import type { Figures, ServiceMetrics } from '../api/services-types';
import { ErrorBanner, Loading } from '../components/feedback';
import { pct } from '../dashboard/types';
import { useI18n } from '../i18n';
import '../styles/services.css';

function days(x: number | null): string {
  return x === null ? '—' : x.toFixed(1);
}

function Row({ label, f, head }: { label: string; f: Figures; head?: boolean }) {
  const Cell = head ? 'th' : 'td';
  return (
    <tr className={head ? 'total' : undefined}>
      <th scope="row">{label}</th>
      <Cell data-measure="online">
        {pct(f.rates.onlineShare)}{' '}
        <span className="sub-inline">
          ({f.counts.mattersOnline}/{f.counts.matters})
        </span>
      </Cell>
      <Cell data-measure="completed">{f.counts.completed}</Cell>
      <Cell data-measure="onTime">{pct(f.rates.onTimeRate)}</Cell>
      <Cell data-measure="days">
        {days(f.rates.averageDays)} / {days(f.rates.averagePromisedDays)}
      </Cell>
      <Cell data-measure="good">
        {pct(f.rates.goodRatingRate)} <span className="sub-inline">({f.counts.ratings})</span>
      </Cell>
    </tr>
  );
}

export default function ServiceFigures({ path, period }: { path: string; period?: string }) {
  const { t, l, lang } = useI18n();
  const data = useLoad(
    (signal) => api<ServiceMetrics>(path, { query: { period: period || undefined }, signal }),
    [path, period, lang],
  );
  if (data.loading && !data.data) return <Loading />;
  if (!data.data) return <ErrorBanner error={data.error} />;
  const m = data.data;
  return (
    <div data-testid="service-figures">
      <dl className="figures">
        <div>
          <dt>{t('fig.online')}</dt>
          <dd data-testid="fig-online">{pct(m.total.rates.onlineShare)}</dd>
        </div>
        <div>
          <dt>{t('fig.onTime')}</dt>
          <dd>{pct(m.total.rates.onTimeRate)}</dd>
        </div>
        <div>
          <dt>{t('fig.days')}</dt>
          <dd>
            {days(m.total.rates.averageDays)}{' '}
            <span className="sub">{t('fig.promised', { n: days(m.total.rates.averagePromisedDays) })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('fig.good')}</dt>
          <dd>{pct(m.total.rates.goodRatingRate)}</dd>
        </div>
      </dl>
      <div className="table-scroll">
        <table className="tickets ranking" data-testid="service-figures-table">
          <caption>
            {t('fig.byDepartment')} · {m.period.label}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('svc.department')}</th>
              <th scope="col">{t('fig.online')}</th>
              <th scope="col">{t('fig.completed')}</th>
              <th scope="col">{t('fig.onTime')}</th>
              <th scope="col">{t('fig.daysShort')}</th>
              <th scope="col">{t('fig.good')}</th>
            </tr>
          </thead>
          <tbody>
            {m.departments.map((d) => (
              <Row key={d.unit.id} label={l(d.unit.name)} f={d} />
            ))}
            <Row label={t('fig.total')} f={m.total} head />
          </tbody>
        </table>
      </div>
    </div>
  );
}
