/** A finding about what Terraform would apply beside the policies: a block, attribute or value not explained. */
export interface ShapeFinding {
  /** "<stack>:<address>" */
  where: string;
  kind: 'unexplained' | 'posture';
  /** Names the attribute, and what the config implies. */
  message: string;
}
