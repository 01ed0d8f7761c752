/** A list of applications by status (and card), newest first, with "load more" by `before`. */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { ApplicationList, ApplicationSummary } from '../api/services-types';
import { useI18n } from '../i18n';

export type ApplicationQuery = Record<string, string | number | undefined>;

export function useApplicationList(query: ApplicationQuery, refreshKey: unknown = 0) {
  const { lang } = useI18n();
  const [items, setItems] = useState<ApplicationSummary[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(query);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the query is compared by its JSON key
  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    api<ApplicationList>('/api/services/applications', {
      query: { limit: 50, ...query },
      signal: ctrl.signal,
    }).then(
      (r) => {
        setItems(r.items);
        setNext(r.nextBefore);
        setLoading(false);
      },
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [key, refreshKey, lang]);

  const more = useCallback(async () => {
    if (next === null) return;
    try {
      const r = await api<ApplicationList>('/api/services/applications', {
        query: { limit: 50, ...query, before: next },
      });
      setItems((xs) => [...xs, ...r.items]);
      setNext(r.nextBefore);
    } catch (e) {
      setError(e);
    }
  }, [next, query]);

  return { items, error, loading, hasMore: next !== null, more };
}
