/**
 * The Terraform Cloud bootstrap (docs/terraform-cloud.md): examples/terraform-cloud.json
 * asserted exactly (every workspace, run trigger, state-sharing list, variable, OIDC
 * provider and trust condition), the single-stack "multiple configurations" form,
 * Terraform Enterprise's hostname everywhere, no bootstrap without the cloud backend,
 * the config's errors, and verify refusing hand-edits of the bootstrap.
 */
import { parseConfig, Config } from '../modules/config';
import { isBootstrapStack } from '../modules/naming';
import { TfJson, verifyStacks } from '../modules/verify';
import { like, permissionProblems, probes, trustProblems } from '../modules/verify/terraform-cloud';
import { load, readJson, synth } from './support/synth';
import { outputOf, Output } from './support/verify';
import { runMain } from './support/run-main';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read and edit the JSON freely
type Json = Record<string, any>;
const EXAMPLE = 'examples/terraform-cloud.json';
const raw = () => readJson(EXAMPLE) as Json;
const example = load(EXAMPLE);
const stacksOf = (config: Config | unknown) =>
  Object.fromEntries(Object.entries(synth(config).stacks).map(([k, v]) => [k, v.json as Json]));
const strip = (o: Json) => JSON.parse(JSON.stringify(o, (k, v) => (k === '//' ? undefined : v)));
const ref = (type: string, name: string) => `\${${type}.${name}.id}`;

describe('examples/terraform-cloud.json: per-account stacks, dynamic credentials', () => {
  const stacks = stacksOf(example);
  const tfc = strip(stacks['terraform-cloud']);

  test('the share stacks and the bootstrap: one Terraform Cloud stack, one per account', () => {
    expect(Object.keys(stacks).sort()).toEqual([
      'consumer-analytics',
      'consumer-exports',
      'consumer-reporting',
      'producer',
      'terraform-cloud',
      'terraform-cloud-analytics',
      'terraform-cloud-exports',
      'terraform-cloud-platform',
      'terraform-cloud-reporting',
    ]);
  });

  test('the tfe provider: the organization, no token; local state; tfe pinned', () => {
    expect(tfc.provider).toEqual({ tfe: [{ organization: 'acme' }] });
    expect(tfc.terraform).toEqual({
      backend: { local: { path: '../../../terraform.terraform-cloud.tfstate' } },
      required_providers: { tfe: { source: 'hashicorp/tfe', version: '0.71.0' } },
      required_version: '>= 1.6',
    });
    expect(JSON.stringify(tfc)).not.toMatch(/token|sensitive|secret/i);
  });

  test('every workspace: its name, project, Terraform version, remote execution', () => {
    expect(tfc.resource.tfe_project).toEqual({ share: { name: 'platform', organization: 'acme' } });
    const names = ['consumer_analytics', 'consumer_exports', 'consumer_reporting', 'producer'];
    expect(Object.keys(tfc.resource.tfe_workspace).sort()).toEqual(names);
    for (const n of names) {
      expect(tfc.resource.tfe_workspace[n]).toEqual({
        name: `s3-share-${n.replace('_', '-')}`,
        organization: 'acme',
        project_id: ref('tfe_project', 'share'),
        terraform_version: '~> 1.6',
        description: `Stack ${n.replace('_', '-')} of the bucket share (cross-account-s3)`,
      });
    }
  });

  test("state sharing: the producer's state with exactly the workspaces that read it, never global", () => {
    const settings = tfc.resource.tfe_workspace_settings;
    expect(settings.producer).toEqual({
      workspace_id: ref('tfe_workspace', 'producer'),
      execution_mode: 'remote',
      global_remote_state: false,
      // analytics (direct) and exports (its partner's access point) need the created key's ARN; reporting
      // (assume-role only) reads nothing.
      remote_state_consumer_ids: [ref('tfe_workspace', 'consumer_analytics'), ref('tfe_workspace', 'consumer_exports')],
    });
    for (const n of ['consumer_analytics', 'consumer_exports', 'consumer_reporting'])
      expect(settings[n]).toEqual({
        workspace_id: ref('tfe_workspace', n),
        execution_mode: 'remote',
        global_remote_state: false,
        remote_state_consumer_ids: [],
      });
    // The readers are exactly the stacks with a remote-state data source.
    const readers = Object.entries(stacks)
      .filter(([, j]) => j.data?.terraform_remote_state)
      .map(([k]) => k)
      .sort();
    expect(readers).toEqual(['consumer-analytics', 'consumer-exports']);
  });

  test('run triggers: producer -> each workspace that reads it, no other', () => {
    expect(tfc.resource.tfe_run_trigger).toEqual({
      producer_to_consumer_analytics: {
        sourceable_id: ref('tfe_workspace', 'producer'),
        workspace_id: ref('tfe_workspace', 'consumer_analytics'),
      },
      producer_to_consumer_exports: {
        sourceable_id: ref('tfe_workspace', 'producer'),
        workspace_id: ref('tfe_workspace', 'consumer_exports'),
      },
    });
  });

  test('variables: TFC_AWS_PROVIDER_AUTH and the run role of each workspace, plain env vars, none sensitive', () => {
    const vars = Object.values(tfc.resource.tfe_variable as Record<string, Json>).map((v) => [
      v.workspace_id,
      v.category,
      v.key,
      v.value,
      v.sensitive ?? false,
    ]);
    const ws = (n: string) => ref('tfe_workspace', n);
    expect(vars.sort()).toEqual(
      [
        [ws('consumer_analytics'), 'env', 'TFC_AWS_PROVIDER_AUTH', 'true', false],
        [
          ws('consumer_analytics'),
          'env',
          'TFC_AWS_RUN_ROLE_ARN',
          'arn:aws:iam::111111111111:role/tfc-s3-share-consumer-analytics',
          false,
        ],
        [ws('consumer_exports'), 'env', 'TFC_AWS_PROVIDER_AUTH', 'true', false],
        [
          ws('consumer_exports'),
          'env',
          'TFC_AWS_RUN_ROLE_ARN',
          'arn:aws:iam::333333333333:role/TerraformCloudExports',
          false,
        ],
        [ws('consumer_reporting'), 'env', 'TFC_AWS_PROVIDER_AUTH', 'true', false],
        [
          ws('consumer_reporting'),
          'env',
          'TFC_AWS_RUN_ROLE_ARN',
          'arn:aws:iam::444444444444:role/tfc-s3-share-consumer-reporting',
          false,
        ],
        [ws('producer'), 'env', 'TFC_AWS_PROVIDER_AUTH', 'true', false],
        [ws('producer'), 'env', 'TFC_AWS_RUN_ROLE_ARN', 'arn:aws:iam::222222222222:role/tfc-s3-share-producer', false],
      ].sort(),
    );
  });

  test('share stacks with dynamic credentials: providers with no profile, no role, no variable', () => {
    for (const [name, j] of Object.entries(stacks).filter(([k]) => !isBootstrapStack(k))) {
      expect(j.variable).toBeUndefined();
      for (const p of j.provider.aws) {
        expect(Object.keys(p).sort()).toEqual(['alias', 'allowed_account_ids', 'default_tags', 'region']);
      }
      expect(j.terraform.cloud.workspaces).toEqual({ name: `s3-share-${name}`, project: 'platform' });
    }
  });

  const accounts: [string, string, string, string][] = [
    ['terraform-cloud-platform', '222222222222', 'producer', 'tfc-s3-share-producer'],
    ['terraform-cloud-analytics', '111111111111', 'consumer-analytics', 'tfc-s3-share-consumer-analytics'],
    ['terraform-cloud-exports', '333333333333', 'consumer-exports', 'TerraformCloudExports'],
    ['terraform-cloud-reporting', '444444444444', 'consumer-reporting', 'tfc-s3-share-consumer-reporting'],
  ];
  test.each(accounts)(
    '%s: the OIDC provider of app.terraform.io, one run role pinned to one workspace',
    (s, id, stack, role) => {
      const j = strip(stacks[s]);
      expect(j.provider).toEqual({
        aws: [
          {
            allowed_account_ids: [id],
            default_tags: [{ tags: { ManagedBy: 'cross-account-s3' } }],
            region: 'us-east-1',
          },
        ],
      });
      expect(j.resource.aws_iam_openid_connect_provider).toEqual({
        terraform_cloud: { url: 'https://app.terraform.io', client_id_list: ['aws.workload.identity'] },
      });
      const n = `run_${stack.replace('-', '_')}`;
      expect(Object.keys(j.resource.aws_iam_role)).toEqual([n]);
      const r = j.resource.aws_iam_role[n];
      expect(r.name).toBe(role);
      expect(r.depends_on).toEqual(['aws_iam_openid_connect_provider.terraform_cloud']);
      expect(JSON.parse(r.assume_role_policy)).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'TerraformCloudRuns',
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::${id}:oidc-provider/app.terraform.io` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' },
              StringLike: {
                'app.terraform.io:sub': `organization:acme:project:platform:workspace:s3-share-${stack}:run_phase:*`,
              },
            },
          },
        ],
      });
      expect(j.resource.aws_iam_role_policy[n].role).toBe(`\${aws_iam_role.${n}.id}`);
    },
  );

  test("run roles' permissions: from the stack's resource types, own account only, never AdministratorAccess", () => {
    const policy = (s: string, n: string) =>
      JSON.parse(stacks[s].resource.aws_iam_role_policy[n].policy) as { Statement: Json[] };
    const producer = policy('terraform-cloud-platform', 'run_producer');
    expect(producer.Statement.map((x) => x.Sid)).toEqual([
      'WhoAmI',
      'Buckets',
      'CreateKey',
      'Key',
      'ListAliases',
      'Roles',
      'RolePolicies',
    ]);
    expect(producer.Statement.find((x) => x.Sid === 'Buckets')!.Resource).toEqual([
      'arn:aws:s3:::acme-platform-shared',
    ]);
    expect(producer.Statement.find((x) => x.Sid === 'Roles')!.Resource).toEqual([
      'arn:aws:iam::222222222222:role/exports-s3-access',
      'arn:aws:iam::222222222222:role/reporting-s3-access',
    ]);
    const reporting = policy('terraform-cloud-reporting', 'run_consumer_reporting');
    expect(reporting.Statement.map((x) => [x.Sid, x.Resource])).toEqual([
      ['WhoAmI', '*'],
      ['Roles', ['arn:aws:iam::444444444444:role/reports/ReportBuilder']],
      ['RolePolicies', ['arn:aws:iam::444444444444:role/reports/ReportBuilder']],
    ]);
    for (const [s] of accounts) {
      const text = JSON.stringify(stacks[s].resource.aws_iam_role_policy);
      expect(text).not.toMatch(/AdministratorAccess|"\*:\*"|iam:PassRole|sts:AssumeRole"|iam:Attach/);
    }
    // A consumer account's run role names nothing of the producer account.
    for (const [s, id] of accounts.slice(1))
      for (const st of Object.values(stacks[s].resource.aws_iam_role_policy as Record<string, Json>).flatMap(
        (p) => JSON.parse(p.policy).Statement as Json[],
      ))
        for (const r of [st.Resource].flat()) expect(r === '*' || String(r).split(':')[4] === id).toBe(true);
  });

  test('each run role covers every resource type its stack holds in its account', () => {
    const plan = synth(example).plan;
    for (const side of plan.terraformCloud!.accounts)
      for (const role of side.roles) {
        const j = stacks[role.stack];
        const aliases = new Set(
          (j.provider.aws as Json[])
            .filter((p) => p.allowed_account_ids[0] === side.account.id)
            .map((p) => `aws.${p.alias}`),
        );
        const held = new Set<string>();
        for (const [kind, block] of [
          ['', j.resource ?? {}],
          ['data.', j.data ?? {}],
        ] as const)
          for (const [type, named] of Object.entries(block as Json))
            for (const body of Object.values(named as Json))
              if (type !== 'terraform_remote_state' && aliases.has((body as Json).provider)) held.add(`${kind}${type}`);
        for (const t of held) expect(role.resourceTypes).toContain(t);
      }
  });

  test('verify: as intended, and proves each trust with the probes of its neighbours', async () => {
    const o = outputOf(example);
    const r = await verifyStacks(example, o.stacks, o.routes);
    expect(r.findings).toEqual([]);
    expect(r.ok).toBe(true);
  });
});

describe('one stack, several accounts: Terraform Cloud "multiple configurations"', () => {
  const config: Json = { ...raw(), stacks: 'single' };
  config.accounts['333333333333'].credentials.terraformCloud = {};
  const stacks = stacksOf(config);
  const share = stacks['cross-account'];

  test('the variable Terraform Cloud fills, and each alias reads its own shared config file', () => {
    expect(share.variable).toEqual({
      tfc_aws_dynamic_credentials: {
        description: expect.any(String),
        type: 'object({ default = object({ shared_config_file = string }), aliases = map(object({ shared_config_file = string })) })',
      },
    });
    const aliases = (share.provider.aws as Json[]).map((p) => p.alias);
    expect(aliases).toEqual(['producer', 'consumer_analytics', 'consumer_exports', 'consumer_reporting']);
    for (const p of share.provider.aws)
      expect(p.shared_config_files).toEqual([
        `\${var.tfc_aws_dynamic_credentials.aliases["${p.alias}"].shared_config_file}`,
      ]);
  });

  test('tagged variables per alias, the default configuration the producer account', () => {
    const vars = Object.fromEntries(
      Object.values(stacks['terraform-cloud'].resource.tfe_variable as Record<string, Json>).map((v) => [
        v.key,
        v.value,
      ]),
    );
    const role = (id: string) => `arn:aws:iam::${id}:role/tfc-s3-share-cross-account`;
    expect(vars).toEqual({
      TFC_AWS_PROVIDER_AUTH: 'true',
      TFC_AWS_RUN_ROLE_ARN: role('222222222222'),
      TFC_AWS_PROVIDER_AUTH_producer: 'true',
      TFC_AWS_RUN_ROLE_ARN_producer: role('222222222222'),
      TFC_AWS_PROVIDER_AUTH_consumer_analytics: 'true',
      TFC_AWS_RUN_ROLE_ARN_consumer_analytics: role('111111111111'),
      TFC_AWS_PROVIDER_AUTH_consumer_exports: 'true',
      TFC_AWS_RUN_ROLE_ARN_consumer_exports: role('333333333333'),
      TFC_AWS_PROVIDER_AUTH_consumer_reporting: 'true',
      TFC_AWS_RUN_ROLE_ARN_consumer_reporting: role('444444444444'),
    });
    // One workspace: nothing to share, nothing to trigger.
    expect(stacks['terraform-cloud'].resource.tfe_run_trigger).toBeUndefined();
    expect(stacks['terraform-cloud'].resource.tfe_workspace_settings.cross_account.remote_state_consumer_ids).toEqual(
      [],
    );
  });

  test('verify passes; an edited shared config file or variable is a finding', async () => {
    const c = parseConfig(config);
    const o = outputOf(c);
    expect((await verifyStacks(c, o.stacks, o.routes)).findings).toEqual([]);
    const edited = outputOf(c);
    (edited.stacks['cross-account'] as Json).provider.aws[1].shared_config_files = [
      '${var.tfc_aws_dynamic_credentials.aliases["producer"].shared_config_file}',
    ];
    (edited.stacks['cross-account'] as Json).variable.extra = { type: 'string' };
    const lines = (await verifyStacks(c, edited.stacks, edited.routes)).findings.map((f) => `${f.where}: ${f.message}`);
    expect(lines.join('\n')).toContain('cross-account:provider.aws[1]: shared_config_files is');
    expect(lines.join('\n')).toContain('cross-account:variable.extra: an input variable');
  });
});

describe('Terraform Enterprise: the backend hostname everywhere the host appears', () => {
  const config = raw();
  config.backend.hostname = 'tfe.acme.example';
  const stacks = stacksOf(config);
  test('tfe provider, OIDC provider URL and ARN, aud and sub keys, cloud block', () => {
    expect(stacks['terraform-cloud'].provider.tfe).toEqual([{ hostname: 'tfe.acme.example', organization: 'acme' }]);
    const j = stacks['terraform-cloud-platform'];
    expect(j.resource.aws_iam_openid_connect_provider.terraform_cloud.url).toBe('https://tfe.acme.example');
    const trust = JSON.parse(j.resource.aws_iam_role.run_producer.assume_role_policy).Statement[0];
    expect(trust.Principal.Federated).toBe('arn:aws:iam::222222222222:oidc-provider/tfe.acme.example');
    expect(Object.keys(trust.Condition.StringEquals)).toEqual(['tfe.acme.example:aud']);
    expect(Object.keys(trust.Condition.StringLike)).toEqual(['tfe.acme.example:sub']);
    expect(stacks.producer.terraform.cloud.hostname).toBe('tfe.acme.example');
    expect(JSON.stringify(stacks)).not.toContain('app.terraform.io');
  });
});

describe('no cloud backend, no bootstrap', () => {
  test.each(['cross-account.json', 'examples/multi-account.json', 'examples/access-points.json'])('%s', (file) => {
    expect(Object.keys(stacksOf(load(file))).filter(isBootstrapStack)).toEqual([]);
  });
  test('without dynamic credentials, a cloud config gets workspaces that run locally, no roles', () => {
    const stacks = stacksOf(load('examples/per-account-cloud.json'));
    expect(Object.keys(stacks).filter(isBootstrapStack)).toEqual(['terraform-cloud']);
    const settings = stacks['terraform-cloud'].resource.tfe_workspace_settings as Record<string, Json>;
    expect(Object.values(settings).map((s) => s.execution_mode)).toEqual(['local', 'local', 'local']);
    expect(stacks['terraform-cloud'].resource.tfe_variable).toBeUndefined();
  });
  test('a bootstrap stack in the output of a local config is a finding', async () => {
    const local = load('cross-account.json');
    const o = outputOf(local);
    o.stacks['terraform-cloud'] = outputOf(example).stacks['terraform-cloud'];
    const r = await verifyStacks(local, o.stacks, o.routes);
    expect(r.findings.map((f) => `${f.where} ${f.message}`)).toContain(
      "terraform-cloud a Terraform Cloud bootstrap stack, and the config's backend is local",
    );
  });
});

describe('config: accounts.<id>.credentials.terraformCloud', () => {
  const errorsOf = (edit: (c: Json) => void): string[] => {
    const c = raw();
    edit(c);
    try {
      parseConfig(c);
      return [];
    } catch (e) {
      return String((e as Error).message).split('\n');
    }
  };
  const expectError = (edit: (c: Json) => void, text: string) => expect(errorsOf(edit).join('\n')).toContain(text);

  test('only with the cloud backend', () =>
    expectError(
      (c) => (c.backend = { type: 'local' }),
      'accounts.222222222222.credentials: Terraform Cloud\'s dynamic credentials exist only in its runs, and the backend is "local"',
    ));
  test('never beside a profile or a deploy role', () => {
    expectError(
      (c) => (c.accounts['111111111111'].profile = 'analytics'),
      'accounts.111111111111.credentials: one source of credentials per account: remove accounts.111111111111.profile',
    );
    expectError(
      (c) => (c.producer.deployRoleArn = 'arn:aws:iam::222222222222:role/TerraformDeploy'),
      'accounts.222222222222.credentials: one source of credentials per account: remove its deployRoleArn',
    );
  });
  test('an unknown field is named', () =>
    expectError((c) => (c.accounts['111111111111'].credentials.terraformCloud.token = 'x'), 'token'));
  test('not on an account not managed here', () =>
    expectError((c) => {
      c.accounts['444444444444'].managed = false;
      c.consumers[3].role.existing = true;
      delete c.consumers[3].role.path;
    }, 'accounts.444444444444.credentials: an account not managed here gets no provider: remove credentials'));
  test('one stack: every managed account or none', () =>
    expectError((c) => {
      c.stacks = 'single';
      delete c.accounts['444444444444'].credentials;
    }, 'accounts.444444444444: the single stack runs in one workspace'));
  test('runRoleName: refused for an account with two workspaces, and a role the share uses', () => {
    expectError((c) => {
      c.consumers.push({
        name: 'platform-jobs',
        accountId: '222222222222',
        role: { name: 'PlatformJobs' },
        access: 'read',
        method: 'direct',
      });
      c.accounts['222222222222'].credentials.terraformCloud.runRoleName = 'TfcPlatform';
    }, 'accounts.222222222222.credentials.terraformCloud.runRoleName: account 222222222222 has two workspaces (producer, consumer-platform)');
    expectError(
      (c) => (c.accounts['333333333333'].credentials.terraformCloud.runRoleName = 'ExportRunner'),
      'the run role ExportRunner would be a role the share itself uses in account 333333333333',
    );
  });
  test('a default run role name longer than IAM allows', () =>
    expectError(
      (c) => (c.backend.workspacePrefix = `${'p'.repeat(50)}-`),
      'accounts.111111111111.credentials.terraformCloud: the run role of workspace',
    ));
  test("a run role's policy over IAM's inline quota: refused with the remedy, nothing written", () => {
    const c = raw();
    for (let i = 0; i < 120; i++)
      c.consumers.push({
        name: `analytics-job-${i}`,
        accountId: '111111111111',
        role: { name: `AnalyticsJobRoleWithALongName${i}` },
        access: 'read',
        method: 'direct',
      });
    const run = runMain('tfc-quota', c);
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      'the run role tfc-s3-share-consumer-analytics of workspace s3-share-consumer-analytics (account 111111111111) would need an inline policy of',
    );
    expect(run.err).toContain('split the account');
    expect(run.left).toEqual(['config.json']);
  });
  test('synth: exit 1, the message, nothing written', () => {
    const c = raw();
    c.backend = { type: 'local' };
    const run = runMain('tfc-local-backend', c);
    expect(run.code).toBe(1);
    expect(run.err).toContain('accounts.222222222222.credentials');
    expect(run.left).toEqual(['config.json']);
  });
});

describe('verify refuses hand-edits of the bootstrap', () => {
  type Edit = (s: Record<string, Json>) => void;
  const run = async (edit: Edit) => {
    const o: Output = outputOf(example);
    edit(o.stacks as Record<string, Json>);
    const r = await verifyStacks(example, o.stacks as Record<string, TfJson>, o.routes);
    return { ok: r.ok, lines: r.findings.map((f) => `${f.kind} ${f.where}: ${f.message}`).join('\n') };
  };
  const trustEdit =
    (edit: (st: Json) => void): Edit =>
    (s) => {
      const role = s['terraform-cloud-analytics'].resource.aws_iam_role.run_consumer_analytics;
      const doc = JSON.parse(role.assume_role_policy);
      edit(doc.Statement[0]);
      role.assume_role_policy = JSON.stringify(doc);
    };
  const sub = 'app.terraform.io:sub';
  const where = 'trust terraform-cloud-analytics:aws_iam_role.run_consumer_analytics';

  test.each([
    [
      'another workspace',
      (st: Json) =>
        (st.Condition.StringLike[sub] = st.Condition.StringLike[sub].replace(
          's3-share-consumer-analytics',
          's3-share-producer',
        )),
      'admits workspace s3-share-producer of this share',
    ],
    [
      'a workspace wildcard',
      (st: Json) =>
        (st.Condition.StringLike[sub] = st.Condition.StringLike[sub].replace('s3-share-consumer-analytics', '*')),
      'admits another workspace of the project',
    ],
    ['"*"', (st: Json) => (st.Condition.StringLike[sub] = '*'), 'admits the same names in another organization'],
    [
      'a wildcard organization',
      (st: Json) =>
        (st.Condition.StringLike[sub] = st.Condition.StringLike[sub].replace('organization:acme', 'organization:*')),
      'admits the same names in another organization',
    ],
    [
      'a name prefix',
      (st: Json) => (st.Condition.StringLike[sub] = st.Condition.StringLike[sub].replace(':run_phase:*', '*')),
      'admits a workspace whose name starts with this one',
    ],
    [
      'a second subject',
      (st: Json) =>
        (st.Condition.StringLike[sub] = [
          st.Condition.StringLike[sub],
          'organization:acme:project:platform:workspace:other:run_phase:*',
        ]),
      'admits another workspace',
    ],
    [
      'a "?"',
      (st: Json) => (st.Condition.StringLike[sub] = st.Condition.StringLike[sub].replace('analytics', 'analytic?')),
      'Condition',
    ],
    ['no audience', (st: Json) => delete st.Condition.StringEquals, 'admits a token for another audience'],
    [
      'IfExists on the subject',
      (st: Json) => {
        st.Condition.StringLikeIfExists = st.Condition.StringLike;
        delete st.Condition.StringLike;
      },
      'admits a token without a subject',
    ],
    ['another principal', (st: Json) => (st.Principal = { AWS: 'arn:aws:iam::222222222222:root' }), 'Principal'],
    [
      'another action',
      (st: Json) => (st.Action = 'sts:AssumeRole'),
      'Action "sts:AssumeRole", not only sts:AssumeRoleWithWebIdentity',
    ],
    [
      'a condition key the proof does not model',
      (st: Json) => (st.Condition.StringEquals['app.terraform.io:terraform_workspace_id'] = 'ws-1'),
      'the proof models StringEquals and StringLike on app.terraform.io:aud and app.terraform.io:sub only',
    ],
  ])('trust widened: %s', async (_, edit, message) => {
    const r = await run(trustEdit(edit as (st: Json) => void));
    expect(r.ok).toBe(false);
    expect(r.lines).toContain(`${where}: statement "TerraformCloudRuns": `);
    expect(r.lines).toContain(message);
  });

  test('a second trust statement', async () => {
    const r = await run((s) => {
      const role = s['terraform-cloud-analytics'].resource.aws_iam_role.run_consumer_analytics;
      const doc = JSON.parse(role.assume_role_policy);
      doc.Statement.push({ ...doc.Statement[0], Sid: 'More' });
      role.assume_role_policy = JSON.stringify(doc);
    });
    expect(r.lines).toContain(`${where}: 2 statements`);
  });

  const policyEdit =
    (edit: (doc: { Statement: Json[] }) => void): Edit =>
    (s) => {
      const p = s['terraform-cloud-analytics'].resource.aws_iam_role_policy.run_consumer_analytics;
      const doc = JSON.parse(p.policy);
      edit(doc);
      p.policy = JSON.stringify(doc);
    };
  test.each([
    [
      'the producer bucket',
      (d: { Statement: Json[] }) => d.Statement[1].Resource.push('arn:aws:s3:::acme-platform-shared'),
      "a bucket, and this role is not the producer account's",
    ],
    [
      'a role in the producer account',
      (d: { Statement: Json[] }) =>
        d.Statement[1].Resource.push('arn:aws:iam::222222222222:role/tfc-s3-share-producer'),
      "in account 222222222222, not the role's own 111111111111",
    ],
    [
      'iam:PassRole',
      (d: { Statement: Json[] }) => d.Statement[1].Action.push('iam:PassRole'),
      'iam:PassRole: not a call Terraform makes',
    ],
    [
      'AdministratorAccess-like "*"',
      (d: { Statement: Json[] }) => d.Statement.push({ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }),
      '*: not a call Terraform makes',
    ],
    [
      'any role of the account',
      (d: { Statement: Json[] }) => (d.Statement[1].Resource = ['arn:aws:iam::111111111111:role/*']),
      'a wildcard',
    ],
  ])('permissions widened: %s', async (_, edit, message) => {
    const r = await run(policyEdit(edit as (d: { Statement: Json[] }) => void));
    expect(r.ok).toBe(false);
    expect(r.lines).toContain(message);
  });

  test.each([
    [
      'a token on the tfe provider',
      (s: Record<string, Json>) => (s['terraform-cloud'].provider.tfe[0].token = 'x'),
      'posture terraform-cloud:provider.tfe',
    ],
    [
      'global remote state',
      (s: Record<string, Json>) =>
        (s['terraform-cloud'].resource.tfe_workspace_settings.producer.global_remote_state = true),
      'global_remote_state is true',
    ],
    [
      'state shared with one more workspace',
      (s: Record<string, Json>) =>
        s['terraform-cloud'].resource.tfe_workspace_settings.producer.remote_state_consumer_ids.push(
          '${tfe_workspace.consumer_reporting.id}',
        ),
      'remote_state_consumer_ids is',
    ],
    [
      'another run trigger',
      (s: Record<string, Json>) =>
        (s['terraform-cloud'].resource.tfe_run_trigger.extra = {
          sourceable_id: 'ws-x',
          workspace_id: '${tfe_workspace.producer.id}',
        }),
      'terraform-cloud:tfe_run_trigger.extra: a tfe_run_trigger the config does not imply',
    ],
    [
      'a run trigger removed',
      (s: Record<string, Json>) => delete s['terraform-cloud'].resource.tfe_run_trigger.producer_to_consumer_exports,
      'tfe_run_trigger.producer_to_consumer_exports: missing',
    ],
    [
      'a secret variable',
      (s: Record<string, Json>) =>
        (s['terraform-cloud'].resource.tfe_variable.producer_tfc_aws_run_role_arn.sensitive = true),
      'the attribute sensitive',
    ],
    [
      'another run role',
      (s: Record<string, Json>) =>
        (s['terraform-cloud'].resource.tfe_variable.producer_tfc_aws_run_role_arn.value =
          'arn:aws:iam::222222222222:role/Admin'),
      'value is',
    ],
    [
      'remote state in S3',
      (s: Record<string, Json>) => (s['terraform-cloud-platform'].terraform.backend = { s3: { bucket: 'x' } }),
      "a bootstrap stack's state is local",
    ],
    [
      'a thumbprint list',
      (s: Record<string, Json>) =>
        (s['terraform-cloud-platform'].resource.aws_iam_openid_connect_provider.terraform_cloud.thumbprint_list = [
          '0'.repeat(40),
        ]),
      'the attribute thumbprint_list',
    ],
    [
      'another OIDC audience',
      (s: Record<string, Json>) =>
        (s['terraform-cloud-platform'].resource.aws_iam_openid_connect_provider.terraform_cloud.client_id_list = [
          'sts.amazonaws.com',
        ]),
      'client_id_list is',
    ],
    [
      'a profile on the admin provider',
      (s: Record<string, Json>) => (s['terraform-cloud-platform'].provider.aws[0].profile = 'admin'),
      'provider.aws',
    ],
    [
      'a stack removed',
      (s: Record<string, Json>) => delete s['terraform-cloud-reporting'],
      'terraform-cloud-reporting: missing',
    ],
  ])('Terraform Cloud side edited: %s', async (_, edit, message) => {
    const r = await run(edit as Edit);
    expect(r.ok).toBe(false);
    expect(r.lines).toContain(message);
  });
});

describe('the trust proof, directly', () => {
  const x = {
    host: 'app.terraform.io',
    providerArn: 'arn:aws:iam::111111111111:oidc-provider/app.terraform.io',
    organization: 'acme',
    project: 'Default Project',
    workspace: 'ws',
  };
  test('StringLike as IAM reads it: * any run, ? one character, case-sensitive, regex characters literal', () => {
    expect(like('a*c', 'abbc')).toBe(true);
    expect(like('a?c', 'abc')).toBe(true);
    expect(like('a?c', 'abbc')).toBe(false);
    expect(like('a.c', 'abc')).toBe(false);
    expect(like('ABC', 'abc')).toBe(false);
  });
  test('the probes: the workspace passes, its neighbours do not, for the pattern synth writes', () => {
    const p = probes(x);
    const pattern = 'organization:acme:project:Default Project:workspace:ws:run_phase:*';
    for (const a of p.admitted) expect(like(pattern, a.claims['app.terraform.io:sub']!)).toBe(true);
    for (const r of p.refused.filter((q) => q.claims['app.terraform.io:sub']?.includes(':aud') !== true))
      if (r.claims['app.terraform.io:aud'] === 'aws.workload.identity' && r.claims['app.terraform.io:sub'])
        expect(like(pattern, r.claims['app.terraform.io:sub'])).toBe(false);
  });
  test('not JSON, another Version', () => {
    expect(trustProblems('{', x)).toEqual(['the trust policy is not JSON']);
    expect(permissionProblems('{', { account: '1', partition: 'aws', region: 'us-east-1', buckets: [] })).toEqual([
      'the permission policy is not JSON',
    ]);
  });
});
