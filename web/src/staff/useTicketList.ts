/** A ticket list query with "load more" by cursor. */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { TicketListItem, TicketPage } from '../api/types';

export type ListQuery = Record<string, string | number | boolean | undefined>;

export function useTicketList(query: ListQuery | null, refreshKey: unknown = 0) {
  const [items, setItems] = useState<TicketListItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const key = JSON.stringify(query);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the query is compared by its JSON key
  useEffect(() => {
    if (!query) {
      setItems([]);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    api<TicketPage>('/api/tickets', { query, signal: ctrl.signal }).then(
      (p) => {
        setItems(p.items);
        setCursor(p.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [key, refreshKey]);

  const more = useCallback(async () => {
    if (!cursor || !query) return;
    try {
      const p = await api<TicketPage>('/api/tickets', { query: { ...query, cursor } });
      setItems((xs) => [...xs, ...p.items]);
      setCursor(p.nextCursor);
    } catch (e) {
      setError(e);
    }
  }, [cursor, query]);

  return { items, error, loading, hasMore: cursor !== null, more };
}
