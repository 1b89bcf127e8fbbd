/**
 * Terraform Cloud's dynamic credentials in a stack of several providers ("multiple
 * configurations"): the one input variable its runs fill, and nothing else. A
 * stack of one provider reads its credentials from the run's environment.
 */
import type { Config } from '../../config';
import { DYNAMIC_CREDENTIALS_TYPE, TFC_DYNAMIC_VARIABLE } from '../../naming';
import type { TfJson } from '../terraform';
import { shown } from './same';

/** Whether the config gives this stack's providers dynamic credentials through the variable. */
export function multipleConfigurations(config: Config, json: TfJson): boolean {
  const providers = json.provider?.aws ?? [];
  const account = (id: unknown) => config.accounts.find((a) => a.id === id);
  return (
    config.backend.type === 'cloud' &&
    providers.length > 1 &&
    providers.every((p) => Boolean(account(p.allowed_account_ids?.[0])?.terraformCloud))
  );
}

export function variableProblems(variable: unknown, at: (where: string, message: string) => void): void {
  const all = (variable ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, body] of Object.entries(all)) {
    if (name !== TFC_DYNAMIC_VARIABLE) {
      at(`variable.${name}`, `an input variable: synth declares only ${TFC_DYNAMIC_VARIABLE}`);
      continue;
    }
    for (const [k, v] of Object.entries(body ?? {})) {
      if (k === 'type' && v === DYNAMIC_CREDENTIALS_TYPE) continue;
      if (k === 'description' && typeof v === 'string') continue;
      at(`variable.${name}`, `${k} is ${shown(v)}: the variable is declared as Terraform Cloud fills it`);
    }
  }
  if (!all[TFC_DYNAMIC_VARIABLE])
    at('variable', `no ${TFC_DYNAMIC_VARIABLE}: the providers' shared config files name it`);
}
