/**
 * modules/naming: every name and ARN this project derives, in one place. Plain
 * functions of strings, no cdktf: config, policy, plan, verify and handoff read them.
 */
export * from './arns';
export * from './derived';
export * from './terraform';
export * from './terraform-cloud';
