/** The file-system calls output folders need: the real fs by default, a faulty one in tests. */
import * as fs from 'fs';

export type OutputFs = Pick<
  typeof fs,
  | 'chmodSync'
  | 'existsSync'
  | 'lstatSync'
  | 'mkdirSync'
  | 'mkdtempSync'
  | 'readdirSync'
  | 'readFileSync'
  | 'realpathSync'
  | 'renameSync'
  | 'rmSync'
  | 'writeFileSync'
>;

export const realFs: OutputFs = fs;
