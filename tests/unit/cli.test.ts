import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { runEnsemble } from '../../src/model/ensemble';
import { stateFromLink } from '../../src/state/startup';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } });
  return { code, out, err };
}

const LINK = 'v=1&m=1.0&s=reallocation-free-hits-trigger&triggerThreshold=58&n=300&seed=cite-me&noise=1&x=12.composite';

describe('command line', () => {
  it('--link runs exactly what the link shows: same runs, seed, noise and numbers as the app', async () => {
    const { code, out } = await cli('run', '--link', `https://example.org/stand-down/#${LINK}`, '--format', 'json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    const { state } = stateFromLink(LINK);
    const app = runEnsemble(state.scenario, { runs: state.ensemble.runs, seed: state.ensemble.seed, noise: state.ensemble.noise });
    expect(json.ensemble).toEqual({ runs: 300, seed: 'cite-me', noise: true });
    expect(json.summary.series.composite).toEqual(JSON.parse(JSON.stringify(app.series.composite)));
    expect(json.summary.scalars.cumulativeIncidents.total).toEqual(app.scalars.cumulativeIncidents.total);
    expect(json.link).toContain('triggerThreshold=58');
  });

  it('the installed bin (plain Node, presets read from disk) prints the same numbers as the app', () => {
    const out = execFileSync(process.execPath, ['bin/stand-down.js', 'run', '--link', LINK, '--format', 'json', '--quiet'], { encoding: 'utf8' });
    const { state } = stateFromLink(LINK);
    const app = runEnsemble(state.scenario, { runs: 300, seed: 'cite-me', noise: true });
    expect(JSON.parse(out).summary.series['threat.health'].p50).toEqual(app.series['threat.health'].p50);
  }, 30_000);

  it('CSV carries the link and assumptions, then months × series × percentiles', async () => {
    const { code, out } = await cli('run', '--preset', 'diplomatic-restraint', '--set', 'restraintDepth=0.3', '--runs', '200', '--seed', '7');
    expect(code).toBe(0);
    const lines = out.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^# Ensemble summary/);
    expect(out).toMatch(/# link,.*s=diplomatic-restraint&restraintDepth=0\.3&n=200&seed=7/);
    expect(lines).toContain('month,series,p5,p25,p50,p75,p95,mean');
    expect(lines.filter((l) => /^24,composite,/.test(l))).toHaveLength(1);
  });

  it('--threads splits each ensemble across threads and prints the same numbers', async () => {
    const args = ['run', '--link', LINK, '--runs', '3000', '--format', 'json', '--quiet'];
    const one = await cli(...args);
    const two = await cli(...args, '--threads', '2');
    expect(two.code).toBe(0);
    expect(JSON.parse(two.out).summary).toEqual(JSON.parse(one.out).summary);
    const bad = await cli(...args, '--threads', '0');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--threads: expected a whole number from 1 to 16, got "0"/);
  }, 60_000);

  it('sweep writes one row per grid point, with progress on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stand-down-'));
    const file = join(dir, 'sweep.csv');
    const { code, err } = await cli('sweep', '--preset', 'deprioritized-free-hits', '--grid', 'escalationCeiling=0.5,2', '--grid', 'privateResponse=0,0.2', '--runs', '100', '--out', file);
    expect(code).toBe(0);
    const text = readFileSync(file, 'utf8');
    // A CSV file starts with a byte-order mark, as the app's downloads do, for spreadsheets.
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = text.slice(1).trim().split(/\r?\n/);
    expect(rows[0]).toMatch(/^escalationCeiling,privateResponse,composite_p50_end/);
    expect(rows).toHaveLength(5);
    expect(err).toMatch(/point 4 of 4: escalationCeiling=2, privateResponse=0\.2/);
    const ends = rows.slice(1).map((r) => Number(r.split(',')[2]));
    expect(ends[2]).toBeGreaterThan(ends[0]); // more escalation, more threat
  });

  it('runs a scenario file, and reports a broken one by line with exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stand-down-'));
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'id: mine\ntitle: Mine\ninterpretation: diplomatic\nresponse: skeptic\npolicy: { kind: indefinite }\n');
    expect((await cli('run', '--file', good, '--runs', '100')).code).toBe(0);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'id: mine\ntitle: Mine\ninterpretation: hawkish\nresponse: skeptic\npolicy: { kind: indefinite }\n');
    const r = await cli('run', '--file', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:3: .*interpretation/);
  });

  it("runs a link whose Analyse settings or model version the app would warn about, and passes the warning on", async () => {
    const r = await cli('run', '--link', 'v=1&m=9.9&s=no-pause&n=100&a.obs=health:1:2.5', '--quiet');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^stand-down: note: --link: This link was made with model 9\.9 and is shown with model 1\.1/m);
    expect(r.err).toMatch(/^stand-down: note: --link: Analysis settings: observations\[0\]: count "2\.5" is not a whole number/m);
    // The file's link is the fragment alone, to put after the app's address.
    expect(r.out).toMatch(/^# link,#v=1&m=1\.1&s=no-pause&n=100/m);
  });

  it('sweep rows name the value used: whole-number parameters are rounded, and the person is told', async () => {
    const r = await cli('sweep', '--grid', 'reengageLag=1,1.4,2', '--runs', '100', '--quiet');
    expect(r.code).toBe(0);
    const rows = r.out.trim().split(/\r?\n/).map((l) => l.split(','));
    expect(rows.slice(1).map((row) => row[0])).toEqual(['1', '1', '2']);
    expect(rows[1].slice(1)).toEqual(rows[2].slice(1));
    expect(r.err).toBe('stand-down: note: --grid reengageLag: 1.4 is used as 1 (a whole number)\n');
    // Progress names the values used too.
    const loud = await cli('sweep', '--grid', 'reengageLag=1.4', '--runs', '100');
    expect(loud.err).toMatch(/^point 1 of 1: reengageLag=1$/m);
  });

  it('bad input gets a clear message and a non-zero exit', async () => {
    const cases: [string[], RegExp][] = [
      [['run', '--preset', 'nope'], /unknown preset "nope"/],
      [['run', '--set', 'escalationCeiling=-1'], /Escalation ceiling must be from 0 to 1000/],
      [['run', '--set', 'escalationCeiling=1e308'], /Escalation ceiling must be from 0 to 1000/],
      [['run', '--out', '/no-such-folder-here/x.csv'], /--out: the folder \/no-such-folder-here does not exist/],
      [['run', '--out', '.'], /--out: \. is a folder/],
      [['sweep', '--grid', 'escalationCeiling=1,2', '--format', 'xml'], /--format does not apply to "sweep"/],
      [['presets', '--runs', 'abc'], /--runs does not apply to "presets"/],
      [['run', '--set', 'bogus=1'], /unknown parameter "bogus"/],
      [['run', '--runs', '5'], /--runs: Ensemble size must be a whole number from 100 to 100,000\n/],
      [['run', '--link', 'v=1&s=nope'], /Unknown preset/],
      [['run', '--format', 'xml'], /--format/],
      [['sweep'], /at least one --grid/],
      [['frobnicate'], /unknown command/],
      [['run', '--wat'], /Unknown option/],
      [['run', '--runs', '0x3E8'], /--runs: "0x3E8" is not a number/],
      // Every grid point is checked before any ensemble runs: no progress line, no row.
      [['sweep', '--grid', 'escalationCeiling=1,2,5000', '--runs', '100'], /^stand-down: --grid escalationCeiling: Escalation ceiling must be from 0 to 1000/],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(message);
    }
    // A scenario file is not overwritten by --out, and one too large is not read whole.
    const dir = mkdtempSync(join(tmpdir(), 'sd-cli-'));
    const scenario = join(dir, 'my.yaml');
    const yaml = 'id: mine\ntitle: Mine\ninterpretation: deprioritized\nresponse: free-hits\npolicy: { kind: indefinite }\nhorizonMonths: 12\n';
    writeFileSync(scenario, yaml);
    const same = await cli('run', '--file', scenario, '--out', join(dir, '.', 'my.yaml'));
    expect(same.code).toBe(2);
    expect(same.err).toMatch(/--out: .*my\.yaml is the scenario file being read/);
    expect(readFileSync(scenario, 'utf8')).toBe(yaml);
    const huge = join(dir, 'huge.yaml');
    writeFileSync(huge, '');
    truncateSync(huge, 5_000_000);
    const big = await cli('run', '--file', huge);
    expect(big.code).toBe(2);
    expect(big.err).toMatch(/--file: .*huge\.yaml is 5,000,000 bytes; a scenario file is at most 1,000,000 characters/);
    const device = await cli('run', '--file', '/dev/zero');
    expect(device.code).toBe(2);
    expect(device.err).toMatch(/--file: \/dev\/zero is not a regular file/);
    // Latin-1 and UTF-16 files are refused as the app refuses them; read leniently, "santé" became "sant\uFFFD" in the link.
    const latin1 = join(dir, 'latin1.yaml');
    writeFileSync(latin1, Buffer.from(yaml.replace(/^title: .*$/m, 'title: Santé publique'), 'latin1'));
    const utf16 = join(dir, 'utf16.yaml');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(yaml, 'utf16le')]));
    for (const file of [latin1, utf16]) {
      const r = await cli('run', '--file', file);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--file: .*\.yaml: The file is not UTF-8 text .*save it as UTF-8/);
    }
    // A UTF-8 byte-order mark is no problem.
    const bom = join(dir, 'bom.yaml');
    writeFileSync(bom, '\uFEFF' + yaml);
    expect((await cli('run', '--file', bom, '--runs', '100')).code).toBe(0);
    // Nothing ran, so nothing was "kept": the app's "; kept …" is not printed.
    expect((await cli('run', '--runs', '50')).err).not.toMatch(/kept/);
    const bin = spawnSync(process.execPath, ['bin/stand-down.js', 'run', '--horizon', '99'], { encoding: 'utf8' });
    expect(bin.status).toBe(2);
    expect(bin.stderr).toMatch(/Horizon must be a whole number of months from 6 to 60/);
  }, 30_000);
});
