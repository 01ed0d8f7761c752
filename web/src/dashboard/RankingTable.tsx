/** 单位考核排名: per peer group, rank, the three rates and the composite; every figure opens its tickets. */
import { useI18n } from '../i18n';
import { type AssessmentTable, type Drill, pct, type UnitRow } from './types';

type Measure = 'counted' | 'response' | 'resolution' | 'satisfaction' | 'all';

export function RankingTable({
  table,
  period,
  onDrill,
}: {
  table: AssessmentTable;
  period: string;
  onDrill(d: Drill): void;
}) {
  const { t, l, lang } = useI18n();
  const name = (u: UnitRow) => (lang === 'zh' ? u.unit.name : u.unit.nameEn);
  const cell = (u: UnitRow, measure: Measure, text: string, label: string) => (
    <button
      type="button"
      className="link-button"
      data-measure={measure}
      onClick={() =>
        onDrill({
          title: `${name(u)} · ${label}`,
          path: '/api/assessment/cells/tickets',
          query: { unitId: u.unit.id, period: period || undefined, measure, limit: 200 },
        })
      }
    >
      {text}
    </button>
  );
  return (
    <div data-testid="ranking">
      {table.groups.map((g) => (
        <table key={g.group} className="tickets ranking">
          <caption>{l(g.label)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dash.rank')}</th>
              <th scope="col">{t('dash.unit')}</th>
              <th scope="col">{t('dash.count')}</th>
              <th scope="col">{t('dash.response')}</th>
              <th scope="col">{t('dash.resolution')}</th>
              <th scope="col">{t('dash.satisfaction')}</th>
              <th scope="col">{t('dash.score')}</th>
            </tr>
          </thead>
          <tbody>
            {g.units.map((u) => (
              <tr key={u.unit.id} data-unit={u.unit.code}>
                <td>{u.rank?.rank ?? '—'}</td>
                <th scope="row">{name(u)}</th>
                <td>{cell(u, 'counted', String(u.counts.counted), t('dash.count'))}</td>
                <td>{cell(u, 'response', pct(u.rates.response), t('dash.response'))}</td>
                <td>{cell(u, 'resolution', pct(u.rates.resolution), t('dash.resolution'))}</td>
                <td>{cell(u, 'satisfaction', pct(u.rates.satisfaction), t('dash.satisfaction'))}</td>
                <td>
                  {cell(
                    u,
                    'all',
                    u.rates.composite === null ? '—' : u.rates.composite.toFixed(1),
                    t('dash.score'),
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
