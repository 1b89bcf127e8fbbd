/**
 * Below an output root nothing is written through a symbolic link: a linked
 * handoff/<stack>/ would have main.tf and README.md written into the link's
 * target. Every existing part of the path below the root (the root itself is
 * checkLocation's) to what is written is
 * lstat-checked, and a link is refused by name.
 */
import * as path from 'path';
import { quoted } from '../io';
import type { OutputFs } from './fs';
import { OutputRefused } from './guard';

export function assertNoLink(root: string, target: string, fsys: OutputFs): void {
  const base = path.resolve(root);
  const rel = path.relative(base, path.resolve(target));
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`${target} is not below ${root}`);
  let at = base;
  for (const part of rel.split(path.sep).filter(Boolean)) {
    at = path.join(at, part);
    let link: boolean;
    try {
      link = fsys.lstatSync(at).isSymbolicLink();
    } catch {
      return; // absent from here on: created by us
    }
    if (link)
      throw new OutputRefused(
        at,
        `it is a symbolic link (to ${quoted(fsys.readlinkSync(at))}); nothing is written through a link: remove it, or replace it with the folder itself`,
      );
  }
}
