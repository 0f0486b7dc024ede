/** Profiles the built app's start-up in Chromium (CDP CPU profile) and prints the heaviest functions. RATE=4 slows the CPU down as Lighthouse's mobile run assumes. */
import { launch } from '../tests/browser/browser';
const url = process.argv[2] ?? 'http://127.0.0.1:4199/';
const browser = await launch();
const page = await browser.newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.RATE ?? 1) });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.goto(url);
await page.waitForTimeout(3000);
const { profile } = await cdp.send('Profiler.stop');
const self = new Map<string, number>();
const total = new Map<number, number>();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
profile.samples!.forEach((id, i) => total.set(id, (total.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)));
for (const [id, us] of total) {
  const n = byId.get(id)!;
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + us);
}
[...self].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, us]) => console.log((us / 1000).toFixed(1).padStart(7), k));
await browser.close();
