/**
 * Copies kept newest first under `key`, `key-2` … `key-count` in a
 * browser storage: a second copy (a second damaged record, a second session
 * set aside) moves the first down instead of erasing it.
 */
export interface CopyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const copyKey = (key: string, n: number): string => (n === 1 ? key : `${key}-${n}`);

/**
 * Keep `text` as the newest copy (the oldest of `count` goes); returns the key
 * it is under. The same text already kept is not copied again. Throws when
 * storage refuses the newest copy, or the room to move the older ones down
 * (a nearly full storage): then no copy is overwritten, and the caller leaves
 * `text` where it is, so that nothing kept is lost without a word.
 */
export function keepNewestCopy(storage: CopyStorage, key: string, count: number, text: string): string {
  for (let n = 1; n <= count; n++) if (storage.getItem(copyKey(key, n)) === text) return copyKey(key, n);
  for (let n = count; n > 1; n--) {
    const older = storage.getItem(copyKey(key, n - 1));
    if (older !== null) storage.setItem(copyKey(key, n), older);
  }
  storage.setItem(key, text);
  return key;
}
