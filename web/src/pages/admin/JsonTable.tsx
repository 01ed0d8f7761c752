/**
 * A read-only table of whatever list an admin API returns: the first array
 * in the answer, one column per scalar field. The editing forms of each
 * section come with their own screens; this shows the current state.
 */
import { api } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/feedback';
import { useI18n } from '../../i18n';

type Row = Record<string, unknown>;

function rowsOf(data: unknown): Row[] {
  if (Array.isArray(data)) return data.filter((x): x is Row => typeof x === 'object' && x !== null);
  if (typeof data === 'object' && data !== null) {
    for (const v of Object.values(data)) if (Array.isArray(v)) return rowsOf(v);
  }
  return [];
}

function show(v: unknown, lang: 'zh' | 'en'): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object' && 'zh' in v && 'en' in v) return String((v as Record<string, unknown>)[lang]);
  if (typeof v === 'boolean') return v ? '✓' : '—';
  return String(v);
}

export function JsonTable({ path, caption }: { path: string; caption: string }) {
  const { lang } = useI18n();
  const data = useLoad((signal) => api<unknown>(path, { signal }), [path, lang]);
  const rows = rowsOf(data.data);
  const columns = [...new Set(rows.slice(0, 20).flatMap((r) => Object.keys(r)))].filter((k) =>
    rows.some((r) => {
      const v = r[k];
      return v === null || typeof v !== 'object' || ('zh' in v && 'en' in v);
    }),
  );
  if (data.loading) return <Loading />;
  if (data.error) return <ErrorBanner error={data.error} />;
  return (
    <table className="tickets" data-testid="admin-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows of an unknown shape have no known id
          <tr key={i}>
            {columns.map((c) => (
              <td key={c}>{show(r[c], lang)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
