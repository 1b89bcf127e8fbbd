/** A finding about what Terraform would apply beyond the policies: a block, attribute or value the config does not explain. */
export interface ShapeFinding {
  /** "<stack>:<address>" */
  where: string;
  kind: 'unexplained' | 'posture';
  /** Names the attribute, and what the config implies. */
  message: string;
}
