/**
 * Copies kept newest first under `key`, `key-2` … `key-count` in a
 * browser storage: a second copy (a second damaged record, a second session
 * set aside) moves the first down instead of erasing it.
 */
export interface CopyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem?(key: string): void;
}

export const copyKey = (key: string, n: number): string => (n === 1 ? key : `${key}-${n}`);

/**
 * Keep `text` as the newest copy (the oldest of `count` goes); returns the key
 * it is under. The same text already kept is not copied again. Throws when
 * storage refuses the newest copy, or the room to move the older ones down
 * (a nearly full storage): the copies moved so far are then put back, so that
 * the caller can leave `text` where it is and nothing kept is lost without a
 * word. (Putting one back can itself need room; a storage that refuses that
 * too is left with a copy twice rather than with none.)
 */
export function keepNewestCopy(storage: CopyStorage, key: string, count: number, text: string): string {
  for (let n = 1; n <= count; n++) if (storage.getItem(copyKey(key, n)) === text) return copyKey(key, n);
  const before = new Map<string, string | null>();
  try {
    for (let n = count; n > 1; n--) {
      const older = storage.getItem(copyKey(key, n - 1));
      if (older === null) continue;
      before.set(copyKey(key, n), storage.getItem(copyKey(key, n)));
      storage.setItem(copyKey(key, n), older);
    }
    storage.setItem(key, text);
    return key;
  } catch (err) {
    putBack(storage, before);
    throw err;
  }
}

/** Put slots back as they were, the last changed first; a slot that was empty is emptied again when storage allows. */
function putBack(storage: CopyStorage, before: Map<string, string | null>): void {
  for (const [slot, value] of [...before].reverse()) {
    try {
      if (value === null) storage.removeItem?.(slot);
      else storage.setItem(slot, value);
    } catch {
      return; // no room even for that: what is left is a copy twice, not a copy lost
    }
  }
}
