/** A problem found in a config: its field path and the rule it breaks. */
export type FieldPath = (string | number)[];

export interface Problem {
  path: FieldPath;
  message: string;
}

/** Collects problems; each check adds to one of these. */
export class Problems {
  readonly list: Problem[] = [];
  add(path: FieldPath, message: string): void {
    this.list.push({ path, message });
  }
}
