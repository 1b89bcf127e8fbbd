/**
 * npm run test:cdktn: CDK Terrain has no prebuilt tfe provider, so the copy's
 * modules/stacks/tfe.ts is this file: the same constructs (the attributes the
 * bootstrap sets, camelCase -> snake_case) on cdktn's own base classes, writing the
 * same Terraform JSON as @cdktf/provider-tfe 12.5.1 (compare-synth.js checks it).
 */
import { Construct } from 'constructs';
import { TerraformProvider, TerraformResource } from 'cdktn';

type Config = Record<string, unknown>;
const META = { providerName: 'tfe', providerVersion: '0.71.0', providerVersionConstraint: '~> 0.33' };
const META_ARGUMENTS = new Set([
  'provider',
  'dependsOn',
  'count',
  'forEach',
  'lifecycle',
  'provisioners',
  'connection',
]);
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const attributes = (c: Config): Config =>
  Object.fromEntries(
    Object.entries(c)
      .filter(([k, v]) => v !== undefined && !META_ARGUMENTS.has(k))
      .map(([k, v]) => [snake(k), v]),
  );

export class TfeProvider extends TerraformProvider {
  constructor(
    scope: Construct,
    id: string,
    private readonly config: Config = {},
  ) {
    super(scope, id, {
      terraformResourceType: 'tfe',
      terraformGeneratorMetadata: META,
      terraformProviderSource: 'hashicorp/tfe',
    });
  }
  protected synthesizeAttributes(): Config {
    return attributes(this.config);
  }
}

export class TfeResource extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    type: string,
    private readonly config: Config,
  ) {
    super(scope, id, { terraformResourceType: type, terraformGeneratorMetadata: META });
  }
  get id(): string {
    return this.getStringAttribute('id');
  }
  protected synthesizeAttributes(): Config {
    return attributes(this.config);
  }
}

// Named classes: the build writes declarations, which an exported anonymous class cannot have.
export class Project extends TfeResource {
  constructor(scope: Construct, id: string, config: Config) {
    super(scope, id, 'tfe_project', config);
  }
}
export class RunTrigger extends TfeResource {
  constructor(scope: Construct, id: string, config: Config) {
    super(scope, id, 'tfe_run_trigger', config);
  }
}
export class Variable extends TfeResource {
  constructor(scope: Construct, id: string, config: Config) {
    super(scope, id, 'tfe_variable', config);
  }
}
export class Workspace extends TfeResource {
  constructor(scope: Construct, id: string, config: Config) {
    super(scope, id, 'tfe_workspace', config);
  }
}
export class WorkspaceSettings extends TfeResource {
  constructor(scope: Construct, id: string, config: Config) {
    super(scope, id, 'tfe_workspace_settings', config);
  }
}
