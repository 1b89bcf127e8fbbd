/**
 * A stack of a plan. cdktf prepares every stack by resolving all its values once
 * more than synthesis does, only to find references to other stacks; an app of
 * one stack has none to find, so that pass is skipped there (a sixth of a
 * large synth). With several stacks, cdktf prepares as usual.
 */
import { TerraformStack } from 'cdktf';

export class PlanStack extends TerraformStack {
  prepareStack(): void {
    const siblings = this.node.scope?.node.children.filter((c) => TerraformStack.isStack(c)) ?? [];
    if (siblings.length === 1) this.ensureBackendExists();
    else super.prepareStack();
  }
}
