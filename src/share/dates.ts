/** YYYY-MM-DD in the person's own time zone: the day they made the file, not the day in Greenwich. */
export function localDate(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}
