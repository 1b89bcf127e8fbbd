/** File-system error codes in plain words, for one-line messages. */
const EXPLAINED: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EBUSY: 'the file or folder is in use',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  ENOTEMPTY: 'the folder is not empty',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ENOENT: 'no such file or folder',
  EEXIST: 'it already exists',
  EMFILE: 'too many open files',
  EIO: 'input/output error of the device',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EXDEV: 'cannot rename across file systems',
  EINVAL: 'invalid argument',
  ENXIO: 'no such device or address (a socket or a device that is not there)',
};

export function explainErrno(code: string): string {
  return EXPLAINED[code] ?? 'system error';
}

/** Duck-typed: errors of Node's fs may come from another realm (jest), where instanceof Error fails. */
export function isErrno(e: unknown): e is NodeJS.ErrnoException & { code: string } {
  return typeof e === 'object' && e !== null && typeof (e as NodeJS.ErrnoException).code === 'string';
}
