/**
 * Traces the built app's start-up in Chromium and lists every main-thread task
 * of 10 ms or more: its wall and CPU time, what filled it (script by file,
 * style, layout, paint) and the render-queue part it drew (user-timing
 * marks). Lighthouse counts each such task at 4× its wall time, so this is
 * where its "total blocking time" comes from; a wall time far above the CPU
 * time means other threads had the CPU. Against `npx vite preview --port 4199`:
 *   npx tsx scripts/trace-start.ts [url]
 */
import { launch } from '../tests/browser/browser';

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; tid: number; pid: number; args?: any; cat: string }

const url = process.argv[2] ?? 'http://127.0.0.1:4199/';
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'] });
const t0 = Date.now();
await page.goto(url);
await page.waitForTimeout(Number(process.env.WAIT ?? 4000));
const buf = await browser.stopTracing();
const events: TraceEvent[] = JSON.parse(buf.toString()).traceEvents;
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'ParseHTML'));
const onMain = events.filter((e) => e.pid === main!.pid && e.tid === main!.tid && e.ph === 'X');
const tasks = onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) >= 10_000);
const nav = events.find((e) => e.name === 'navigationStart')?.ts ?? tasks[0]?.ts ?? 0;
let blocking = 0;
// Thread (CPU) time as well as wall time: on a shared machine other programs stretch wall time, not CPU time.
let cpuBlocking = 0;
let cpuTotal = 0;
for (const task of onMain.filter((e) => e.name === 'RunTask')) {
  const cpu = (task.tdur ?? task.dur ?? 0) / 1000;
  cpuTotal += cpu;
  cpuBlocking += Math.max(0, cpu * 4 - 50);
}
for (const task of tasks) {
  const end = task.ts + task.dur!;
  const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts < end);
  const parts = new Map<string, number>();
  for (const e of inside) {
    let key = '';
    if (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.compileModule' || e.name === 'v8.evaluateModule')
      key = `${e.name} ${(e.args?.data?.url ?? e.args?.fileName ?? '').split('/').pop()} ${e.args?.data?.functionName ?? ''}`;
    else if (['UpdateLayoutTree', 'Layout', 'Paint', 'ParseHTML', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'ParseAuthorStyleSheet'].includes(e.name)) key = e.name;
    if (key) parts.set(key, (parts.get(key) ?? 0) + e.dur! / 1000);
  }
  blocking += Math.max(0, (task.dur! / 1000) * 4 - 50);
  for (const e of inside) {
    if ((e.name === 'UpdateLayoutTree' || e.name === 'Layout') && e.dur! > 5000)
      // Style recalculations say how many elements, layouts how many objects were dirty.
      console.log(`        ${e.name} ${(e.dur! / 1000).toFixed(1)} ms ${JSON.stringify(e.args?.elementCount ?? e.args?.beginData ?? {})}`);
  }
  const marks = events.filter((e) => e.cat.includes('user_timing') && e.ts >= task.ts && e.ts < end).map((e) => e.name);
  if (marks.length) console.log(`        marks: ${marks.join(', ')}`);
  const top = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, ms]) => `${k}=${ms.toFixed(1)}`).join('; ');
  console.log(`${((task.ts - nav) / 1000).toFixed(0).padStart(6)} ms  ${(task.dur! / 1000).toFixed(1).padStart(6)} ms (CPU ${((task.tdur ?? 0) / 1000).toFixed(1).padStart(5)})  ${top}`);
}
console.log(`tasks ≥ 10 ms: ${tasks.length}; blocking time at 4× (Lighthouse's estimate, roughly): ${blocking.toFixed(0)} ms wall, ${cpuBlocking.toFixed(0)} ms from CPU time; main-thread CPU ${cpuTotal.toFixed(0)} ms`);
await browser.close();
