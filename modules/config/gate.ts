/**
 * One gate for everything that may reach Terraform: the whole raw config is
 * walked before any schema sees it, so no field can be forgotten. Terraform
 * reads `${...}` and `%{...}` inside any string of its JSON as its own
 * template (`"/${file(\"/etc/passwd\")}/"` reads a file at plan time), so a
 * string value or object key holding either is refused, IAM policy variables
 * (`${aws:username}`) included. Prototype keys are refused everywhere.
 */
import type { Problem } from './checks/problems';
import { MAX_DEPTH, PROTOTYPE_KEYS } from './json-parser';
import { unicodeProblems } from './unicode';

const TEMPLATE = /[$%]\{/;

function templateProblem(text: string, what: string): string {
  const seq = /\$\{/.test(text) ? '${' : '%{';
  return (
    `${what} contains "${seq}": Terraform would evaluate it as its own template ` +
    '(interpolation "${...}" or directive "%{...}"), IAM policy variables such as ${aws:username} included; write the value out'
  );
}

/** Every problem of one string that may reach Terraform (`what`: "the value", "the key", a field's name). */
export function stringProblems(text: string, what = 'the value'): string[] {
  return [...(TEMPLATE.test(text) ? [templateProblem(text, what)] : []), ...unicodeProblems(text, what)];
}

/** Every problem of the raw input value, each with its field path. */
export function gate(raw: unknown): Problem[] {
  const problems: Problem[] = [];
  // One path stack for the whole walk, copied only into a problem: most values have none.
  const path: (string | number)[] = [];
  const report = (message: string) => problems.push({ path: [...path], message });
  const walk = (value: unknown, depth: number): void => {
    if (typeof value === 'string') {
      for (const message of stringProblems(value, 'the value')) report(message);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (depth >= MAX_DEPTH) {
      report(`nested deeper than ${MAX_DEPTH} levels`);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        path.push(i);
        walk(v, depth + 1);
        path.pop();
      });
      return;
    }
    for (const key of Object.keys(value)) {
      path.push(key);
      if (PROTOTYPE_KEYS.has(key)) {
        report(`the key "${key}" is refused: it would reach the prototype of objects that copy it`);
      } else {
        for (const message of stringProblems(key, 'the key')) report(message);
        walk((value as Record<string, unknown>)[key], depth + 1);
      }
      path.pop();
    }
  };
  walk(raw, 0);
  return problems;
}
