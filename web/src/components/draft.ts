/**
 * Form drafts kept in sessionStorage: what a user typed survives a rejected
 * submit, a reload, and a trip through the sign-in page after the session
 * expired. Cleared when the form is submitted successfully.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export function useDraft<T extends object>(
  key: string,
  initial: T,
): [T, (patch: Partial<T>) => void, () => void] {
  const storageKey = `jiesu.draft.${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const saved = sessionStorage.getItem(storageKey);
      if (saved) return { ...initial, ...(JSON.parse(saved) as Partial<T>) };
    } catch {
      // unreadable draft: start empty
    }
    return initial;
  });
  useEffect(() => {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(value));
    } catch {
      // storage full or blocked: the draft still lives in memory
    }
  }, [storageKey, value]);
  const patch = useCallback((p: Partial<T>) => setValue((v) => ({ ...v, ...p })), []);
  // the first `initial` is the reset value (callers pass a fresh literal on every render)
  const initialRef = useRef(initial);
  const reset = useCallback(() => {
    try {
      sessionStorage.removeItem(storageKey);
    } catch {
      // nothing to clear
    }
    setValue(initialRef.current);
  }, [storageKey]);
  return [value, patch, reset];
}
