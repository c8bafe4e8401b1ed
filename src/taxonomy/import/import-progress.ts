/** Import progress on a terminal: cli-progress bars on a TTY, one line per finished phase otherwise. */
import cliProgress from 'cli-progress';
import type { ImportProgress } from './taxonomy-importer.js';

/** A progress listener writing to `stream` (default stderr): one bar per phase on a TTY, a start/end line per phase otherwise. */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): { onProgress: (event: ImportProgress) => void; stop: () => void } {
  let phase: string | undefined;
  let bar: cliProgress.SingleBar | undefined;
  let lastLine: ImportProgress | undefined;
  const finishLine = () => {
    if (lastLine) stream.write(`${lastLine.phase}: done (${formatAmount(lastLine.total, lastLine.unit)})\n`);
  };
  const onProgress = (event: ImportProgress) => {
    if (event.phase !== phase) {
      bar?.stop();
      phase = event.phase;
      if (stream.isTTY) {
        bar = new cliProgress.SingleBar({ stream, format: `{phase} [{bar}] {percentage}% | {value}/{total} ${event.unit}`, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
        bar.start(event.total, 0, { phase: event.phase.padEnd(44) });
      } else {
        finishLine();
      }
    }
    bar?.update(event.done);
    lastLine = event;
  };
  const stop = () => {
    bar?.stop();
    bar = undefined;
    if (!stream.isTTY) finishLine();
    lastLine = undefined;
    phase = undefined;
  };
  return { onProgress, stop };
}

function formatAmount(n: number, unit: 'bytes' | 'rows'): string {
  return unit === 'bytes' ? `${(n / 1048576).toFixed(1)} MiB` : `${n.toLocaleString('en')} rows`;
}

