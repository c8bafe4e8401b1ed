import cliProgress from 'cli-progress';

/** Wall-clock laps of a command, printed as a table at the end ("where the time went"). */
export class Stopwatch {
  private readonly started = Date.now();
  private last = this.started;
  private readonly laps: Array<{ label: string; ms: number }> = [];

  lap(label: string): void {
    const now = Date.now();
    this.laps.push({ label, ms: now - this.last });
    this.last = now;
    console.log(`[${((now - this.started) / 1000).toFixed(1)} s] ${label}`);
  }

  print(): void {
    console.log('\nWhere the time went:');
    for (const l of this.laps) console.log(`  ${(l.ms / 1000).toFixed(1).padStart(7)} s  ${l.label.split(':')[0]}`);
    console.log(`  ${((Date.now() - this.started) / 1000).toFixed(1).padStart(7)} s  total`);
  }
}

/**
 * Polls `check` every 500 ms until it reports `finished`, showing a progress bar on a terminal (plain lines every
 * 10 s otherwise). Gives up after `timeoutMs` without progress and returns false.
 */
export async function waitFor(
  label: string,
  total: number,
  check: () => Promise<{ done: number; finished: boolean }>,
  timeoutMs = 120_000,
): Promise<boolean> {
  const tty = Boolean(process.stderr.isTTY);
  const bar = tty ? new cliProgress.SingleBar({ format: `  ${label} [{bar}] {value}/{total}`, stream: process.stderr }, cliProgress.Presets.shades_classic) : null;
  bar?.start(Math.max(total, 1), 0);
  let lastDone = -1;
  let lastProgressAt = Date.now();
  let lastLineAt = 0;
  try {
    for (;;) {
      const { done, finished } = await check();
      bar?.update(Math.min(done, Math.max(total, 1)));
      if (!tty && Date.now() - lastLineAt > 10_000) {
        process.stderr.write(`  ${label}: ${done}/${total}\n`);
        lastLineAt = Date.now();
      }
      if (finished) return true;
      if (done !== lastDone) {
        lastDone = done;
        lastProgressAt = Date.now();
      } else if (Date.now() - lastProgressAt > timeoutMs) {
        return false;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    bar?.stop();
  }
}
