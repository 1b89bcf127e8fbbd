/**
 * Access-grant consumers in the plan. The documents are computed (modules/policy), but synth renders no
 * Access Grants resource yet and verify does not prove them yet (docs/access-grants.md, "Status"): until
 * both do, a plan with such consumers is refused, naming each, rather than written without their grants.
 */
import { Config, ConfigError } from '../config';

export function refuseUnrendered(config: Config): void {
  const problems = config.consumers
    .filter((c) => c.method === 'access-grant')
    .sort((a, b) => a.index - b.index)
    .map((c) => ({
      path: ['consumers', c.index, 'method'],
      message:
        `"access-grant" (${c.name}) is accepted by the config, but synth does not write S3 Access Grants resources yet ` +
        '(docs/access-grants.md): write "direct" or "access-point" for now',
    }));
  if (problems.length) throw new ConfigError('config', problems);
}
