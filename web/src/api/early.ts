/**
 * Requests started before the screen that needs them has rendered: when the
 * app boots on a deep link, the page's data is asked for beside the sign-in
 * check and the page's code, not after both (see App.tsx). The screen then
 * takes the answer with `early()` instead of asking again. Each early answer
 * is used once and only while fresh; a failed one (a visitor not signed in
 * yet gets 401) is dropped, so the screen asks again after signing in.
 */
import { api, apiLanguage, type RequestOptions, withQuery } from './client';

const FRESH_MS = 30_000;

interface Pending {
  at: number;
  promise: Promise<unknown>;
}

const pending = new Map<string, Pending>();

// the answer's messages and labels follow the language it was asked in
const keyOf = (path: string, query: RequestOptions['query']) => `${apiLanguage()} ${withQuery(path, query)}`;

/** Start a GET now; a 401 is expected here (the sign-in check answers that) and announced by nobody. */
export function startEarly(path: string, query?: RequestOptions['query']): void {
  const key = keyOf(path, query);
  if (pending.has(key)) return;
  const promise = api<unknown>(path, { query, quietAuth: true });
  pending.set(key, { at: performance.now(), promise });
  promise.catch(() => {
    if (pending.get(key)?.promise === promise) pending.delete(key);
  });
}

/** The early answer to this GET when there is a fresh one, else the request made now. */
export function early<T>(path: string, o: RequestOptions = {}): Promise<T> {
  const key = keyOf(path, o.query);
  const hit = pending.get(key);
  pending.delete(key);
  if (hit && performance.now() - hit.at < FRESH_MS) return hit.promise as Promise<T>;
  return api<T>(path, o);
}
