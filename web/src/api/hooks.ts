/** Loading data into components without a data library: one request, its error, a reload. */
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { api } from './client';
import type { Reference } from './types';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
  set(data: T): void;
}

export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: callers pass the dependencies of their loader
  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    loadRef.current(ctrl.signal).then(
      (d) => {
        if (ctrl.signal.aborted) return;
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload, set: setData };
}

let referencePromise: Promise<Reference> | null = null;

/** Areas, categories and units: loaded once per page load and shared by every screen. */
export function loadReference(): Promise<Reference> {
  if (!referencePromise) {
    referencePromise = api<Reference>('/api/web/reference').catch((e: unknown) => {
      referencePromise = null;
      throw e;
    });
  }
  return referencePromise;
}

export function useReference(): Loaded<Reference> {
  return useLoad(() => loadReference(), []);
}
