/** A Terraform identifier from free text: "reporting-eu" -> "reporting_eu". */
export function tfName(...parts: string[]): string {
  return parts
    .join('_')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .toLowerCase();
}
