/**
 * Values reserved from the database in blocks and dealt from memory: ticket
 * ids from the identity sequence, ticket numbers from their daily counters.
 * One reservation per owner (a database handle) and key is in flight at a
 * time; concurrent callers wait for it instead of reserving blocks of their
 * own, and a failed reservation fails its waiters and is retried by the next
 * caller.
 */
interface Slot {
  free: number[];
  pending: Promise<void> | undefined;
}

const slots = new WeakMap<object, Map<string, Slot>>();

export async function takeReserved(
  owner: object,
  key: string,
  reserve: () => Promise<readonly number[]>,
  /** keys starting with this are one family (a counter per day): a new key retires the family's idle ones */
  family?: string,
): Promise<number> {
  let mine = slots.get(owner);
  if (!mine) {
    mine = new Map();
    slots.set(owner, mine);
  }
  let slot = mine.get(key);
  if (!slot) {
    if (family !== undefined)
      for (const [k, old] of mine) if (k.startsWith(family) && !old.pending) mine.delete(k);
    slot = { free: [], pending: undefined };
    mine.set(key, slot);
  }
  for (;;) {
    const value = slot.free.shift();
    if (value !== undefined) return value;
    if (!slot.pending) {
      const s = slot;
      // the block joins the free list before any waiter resumes
      s.pending = reserve()
        .then((values) => {
          s.free.push(...values);
        })
        .finally(() => {
          s.pending = undefined;
        });
    }
    await slot.pending;
  }
}
