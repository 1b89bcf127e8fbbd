/** The shape of bench/results.json: written by bench/bench.ts, read by bench/report.ts. */
import type { SideKey } from './sides';

export type { SideKey };

export type Status = 'ok' | 'timeout' | 'failed' | 'skipped';

/** One child process, timed from outside (wall clock from spawn to exit). */
export interface Sample {
  status: Status;
  wallMs?: number;
  /** User + system CPU time of the child's Node process(es). */
  cpuMs?: number;
  /** Peak resident set size of the child's Node process(es), MB. */
  peakMb?: number;
  /**
   * Of all cores' time during the sample, the share busy with something else than the child
   * (machine busy time minus the child's CPU): other work competing with it.
   */
  othersShare?: number;
  /** 1-minute load average just before and just after the sample (on 2 cores it counts the bench's own work). */
  loadBefore: number;
  loadAfter: number;
  /** The round (1…) and the position in that round's rotation. */
  round: number;
  position: number;
  note?: string;
}

export interface Stats {
  median: number;
  /** The range judged by: every sample's, or from five samples on all but the fastest and the slowest. */
  min: number;
  max: number;
  /** (max − min) / median. */
  spread: number;
  /** Samples left out at each end of the range (bench/stats.ts); absent: none. */
  trimmed?: number;
  /** Every sample's range, when some were left out. */
  all?: { min: number; max: number };
}

export interface Measurement {
  side: SideKey;
  status: Status;
  samples: Sample[];
  wall?: Stats;
  cpu?: Stats;
  /** Largest over the samples. */
  peakMb?: number;
  /** Why skipped or failed. */
  note?: string;
  timeoutS: number;
}

/** What a side's output is at this N, and whether it fits AWS's limits (measured once, outside the timing). */
export interface Fit {
  fits?: boolean;
  /** Why not, or what was not measured. */
  why: string[];
  measure?: Record<string, number>;
}

export interface Row {
  n: number;
  configBytes: number;
  sides: Partial<Record<SideKey, Measurement>>;
  fit: Partial<Record<SideKey, Fit>>;
  /** The last line of `npm run verify` (its count of workflows). */
  verifySummary?: string;
  /** How many distinct requests verify's own evaluator and the simulator decided. */
  verifyStats?: Record<string, number>;
  /** The floor's own parse + stringify + write, and whether it wrote the same bytes. */
  floorDetail?: Record<string, number | boolean>;
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
    rounds: number;
    timeoutS: Record<string, number>;
    verifyMax: number;
    diffMax: number;
    /** A measurement whose spread is above this is "too wide" to decide a target on. */
    maxSpread: number;
    /** A target is decided only when no sample shared the machine with more than this share of other work. */
    maxOthersShare?: number;
    /** Runs before the others' share was measured decided on the 1-minute load per core. */
    maxLoadPerCore?: number;
  };
  leftOut: Record<string, string[]>;
  totalS: number;
  rows: Row[];
}
