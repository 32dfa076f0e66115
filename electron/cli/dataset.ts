/**
 * `mnist-lab dataset …`: the datasets service from a terminal.
 *   dataset list
 *   dataset download [--name mnist]
 *   dataset import <files…> [--name mnist]      (4 IDX files, raw or .gz, or one mnist.npz)
 *   dataset verify [--name mnist]
 * `io.out`/`io.err` receive raw text (this module adds the newlines). Exit codes: 0 done,
 * 1 the operation failed (the message says why), 2 the command line was wrong.
 */
import type { DatasetProgress, DatasetSummary } from '../api/contracts/datasets.ts';
import { createDatasetService, DatasetError } from '../services/datasets/index.ts';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

export interface DatasetCliEnv {
  dataDir: string;
  mirrors?: string[];
  /** offline copies shipped with the app, if any */
  bundledDir?: string;
  /** Ctrl-C: the caller aborts this to cancel a download cleanly */
  signal?: AbortSignal;
}

export const DATASET_USAGE = `Usage: mnist-lab dataset <command> [--name NAME]

Commands:
  list                     show each dataset and whether it is ready
  download [--name mnist]  download and check a dataset
  import <files…> [--name mnist]
                           use files you already have: the 4 IDX files (.gz or not) or one mnist.npz
  verify [--name mnist]    check every file against its checksum again
`;

interface ParsedArgs {
  command: string | undefined;
  name: string;
  rest: string[];
  help: boolean;
}

function parseArgs(argv: readonly string[]): ParsedArgs | string {
  const words = argv[0] === 'dataset' ? argv.slice(1) : [...argv];
  let name = 'mnist';
  let help = false;
  const positional: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--name' || word === '-n') {
      const value = words[++i];
      if (value === undefined || value.startsWith('-')) return `${word} needs a dataset name`;
      name = value;
    } else if (word.startsWith('--name=')) {
      name = word.slice('--name='.length);
    } else if (word === '--help' || word === '-h') {
      help = true;
    } else if (word.startsWith('-') && word.length > 1) {
      return `unknown option ${word}`;
    } else {
      positional.push(word);
    }
  }
  const [command, ...rest] = positional;
  return { command, name, rest, help };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}

export function progressLine(p: DatasetProgress, width = 24): string {
  const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 1;
  const filled = Math.round(fraction * width);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
  const host = (() => {
    try {
      return new URL(p.mirror).host;
    } catch {
      return p.mirror;
    }
  })();
  return (
    `[${bar}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${megabytes(p.bytesDone)} / ${megabytes(p.bytesTotal)}  ` +
    `${megabytes(p.bytesPerSecond)}/s  ETA ${duration(p.etaSeconds)}  ${p.file} (${p.fileIndex + 1}/${p.fileCount}) from ${host}`
  );
}

function describe(info: DatasetSummary): string {
  const lines = [`${info.name.padEnd(14)} ${info.status.padEnd(8)} ${info.title}${info.pinned ? '' : ' (checksums not pinned yet)'}`];
  for (const file of info.files) {
    if (file.status !== 'ok') lines.push(`  ${file.file}: ${file.status}${file.reason ? ` — ${file.reason}` : ''}`);
  }
  return lines.join('\n');
}

export async function runDataset(argv: string[], io: CliIo, env: DatasetCliEnv): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(`mnist-lab dataset: ${args}\n\n${DATASET_USAGE}`);
    return 2;
  }
  if (args.help || args.command === undefined || args.command === 'help') {
    (args.help || args.command === 'help' ? io.out : io.err)(DATASET_USAGE);
    return args.help || args.command === 'help' ? 0 : 2;
  }
  try {
    const service = createDatasetService({
      dataDir: env.dataDir,
      ...(env.mirrors && env.mirrors.length > 0 ? { mirrors: env.mirrors } : {}),
      ...(env.bundledDir ? { bundledDir: env.bundledDir } : {}),
    });
    await service.cleanTemp();
    switch (args.command) {
      case 'list': {
        if (args.rest.length > 0) break;
        for (const info of await service.list()) io.out(`${describe(info)}\n`);
        return 0;
      }
      case 'download': {
        if (args.rest.length > 0) break;
        let lastFile = '';
        let drewBar = false;
        const info = await service
          .download(args.name, {
            ...(env.signal ? { signal: env.signal } : {}),
            onProgress: (p) => {
              if (io.isTTY) {
                io.out(`\r${progressLine(p)}\x1b[K`);
                drewBar = true;
              } else if (p.file !== lastFile) {
                io.out(`downloading ${p.file} (${p.fileIndex + 1}/${p.fileCount}) from ${p.mirror}\n`);
              }
              lastFile = p.file;
            },
          })
          .finally(() => {
            if (drewBar) io.out('\n');
          });
        io.out(`${describe(info)}\n`);
        return info.status === 'ready' ? 0 : 1;
      }
      case 'import': {
        if (args.rest.length === 0) {
          io.err(`mnist-lab dataset: import needs the files to import\n\n${DATASET_USAGE}`);
          return 2;
        }
        const info = await service.importFiles(args.name, args.rest);
        io.out(`imported ${args.rest.length} file(s)\n${describe(info)}\n`);
        return info.status === 'ready' ? 0 : 1;
      }
      case 'verify': {
        if (args.rest.length > 0) break;
        const info = await service.verify(args.name);
        io.out(`${describe(info)}\n`);
        return info.status === 'ready' ? 0 : 1;
      }
      default:
        io.err(`mnist-lab dataset: unknown command ${JSON.stringify(args.command)}\n\n${DATASET_USAGE}`);
        return 2;
    }
    io.err(`mnist-lab dataset: unexpected arguments after ${args.command}: ${args.rest.join(' ')}\n\n${DATASET_USAGE}`);
    return 2;
  } catch (error) {
    if (error instanceof DatasetError) {
      io.err(`mnist-lab dataset: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
