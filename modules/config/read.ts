/**
 * Reading the config file strictly: through the one strict reader
 * (modules/io/read-file.ts: a regular file of at most 16 MiB of UTF-8, no
 * BOM), parsed by our own JSON parser (comments allowed; duplicate and
 * prototype keys and deep nesting refused). Anything else is a ConfigError
 * naming the file.
 */
import * as fs from 'fs';
import { explainErrno, FsError } from '../io';
import { decodeUtf8, InputFileError, readInputBytes, ReadFs } from '../io';
import { ConfigError } from './errors';
import { JsonSyntaxError, parseJson } from './json-parser';

export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export type { ReadFs } from '../io';

const fail = (file: string, message: string): never => {
  throw new ConfigError(file, [{ path: [], message }]);
};

/** An InputFileError of the strict reader, as the ConfigError a config's refusal is. */
function asConfigError<T>(file: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof InputFileError) fail(file, e.reason);
    if (e instanceof FsError) fail(file, `cannot ${e.operation} the file (${e.code}: ${explainErrno(e.code)})`);
    throw e;
  }
}

/** The raw JSON value of a config file; throws ConfigError for anything but a sound file. */
export function readConfigFile(file: string, fsys: ReadFs = fs): unknown {
  const bytes = asConfigError(file, () =>
    readInputBytes(file, { maxBytes: MAX_CONFIG_BYTES, what: 'a config', fs: fsys }),
  );
  return configFromBytes(file, bytes);
}

/** The raw JSON value of a config's bytes from elsewhere (a git revision), held to the same rules as a file. */
export function configFromBytes(file: string, bytes: Buffer): unknown {
  if (bytes.length > MAX_CONFIG_BYTES)
    fail(file, `is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB, the most a config may be`);
  const text = asConfigError(file, () => decodeUtf8(file, bytes));
  let parsed;
  try {
    parsed = parseJson(text, { comments: true });
  } catch (e) {
    if (e instanceof JsonSyntaxError) fail(file, `not valid JSON: ${e.message}`);
    throw e;
  }
  if (parsed.problems.length > 0) throw new ConfigError(file, parsed.problems);
  return parsed.value;
}
