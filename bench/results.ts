/** The shape of bench/results.json: written by bench/bench.ts, read by bench/report.ts. */

export type Status = 'ok' | 'timeout' | 'failed' | 'skipped';

/** One child process, timed from outside (wall clock from spawn to exit). */
export interface ProcessRun {
  status: Status;
  /** Median over the samples. */
  wallMs?: number;
  samplesMs?: number[];
  /**
   * Median CPU time (user + system) of the child's Node process(es): less sensitive than wall time to other
   * work on the machine.
   */
  cpuMs?: number;
  /** Peak resident set size of the child's Node process(es), MB (largest over the samples). */
  peakMb?: number;
  exitCode?: number | null;
  timeoutS: number;
  /** Why skipped or failed; the last lines of output when it failed. */
  note?: string;
}

/** The in-process child (bench/inproc.ts): the times it took inside. */
export interface InProcessRun extends ProcessRun {
  loadMs?: number;
  firstMs?: number;
  /** CPU time (user + system, all threads) of the first synth. */
  firstCpuMs?: number;
  /** Median of the warm synths. */
  warmMs?: number;
  warmCpuMs?: number;
  warmSamplesMs?: number[];
  /** From process start to the end of the first synth. */
  sinceStartMs?: number;
  peakAfterFirstMb?: number;
  /** AWS CDK validation errors set process.exitCode: its value after the first synth. */
  exitCodeAfterFirst?: number;
}

export interface SideResult {
  process: ProcessRun;
  inProcess: InProcessRun;
  /** What the side measured of its output (counts, policy sizes). */
  measure?: Record<string, number>;
}

export interface FloorResult {
  process: ProcessRun;
  bytes?: number;
  readMs?: number;
  parseMs?: number;
  stringifyMs?: number;
  writeMs?: number;
  /** parse + stringify + write. */
  floorMs?: number;
  sameBytes?: boolean;
}

export interface VerifyResult extends ProcessRun {
  /** The last line verify printed ("verify: 1287 requests as intended; …"). */
  summary?: string;
}

export interface Row {
  n: number;
  configBytes: number;
  /** Load average (1, 5, 15 min) when this N started: other work on the machine. */
  loadAvg: number[];
  ours: SideResult;
  verify: VerifyResult;
  floor: FloorResult;
  plain: SideResult;
  cdk: SideResult;
  cdkNoValidation: SideResult;
}

export interface Results {
  date: string;
  quick: boolean;
  machine: {
    cpu: string;
    cores: number;
    memGiB: number;
    os: string;
    node: string;
    loadAvgStart: number[];
    loadAvgEnd: number[];
  };
  versions: Record<string, string>;
  settings: {
    sizes: number[];
    timeoutS: Record<string, number>;
    verifyMax: number;
    verifyTimeoutS: number;
    repeatsUpTo100: number;
  };
  /** Per side: what it does not do that ours does (or, for ours, what it does not do). */
  leftOut: Record<string, string[]>;
  /** Total wall time of the benchmark run. */
  totalS: number;
  rows: Row[];
}
