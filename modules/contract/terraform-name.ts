/**
 * A Terraform identifier from free text: "reporting-eu" -> "reporting_eu". Letters and digits kept (lower-cased),
 * every run of anything else (underscores included) one "_", none at either end; the parts joined the same way.
 * One pass over the characters: it names every resource and output of a synth.
 */
export function tfName(...parts: string[]): string {
  let out = '';
  let gap = false;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (p > 0) gap = true;
    for (let i = 0; i < part.length; i++) {
      let c = part.charCodeAt(i);
      const upper = c >= 65 && c <= 90;
      if (upper || (c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        if (gap && out.length > 0) out += '_';
        gap = false;
        if (upper) c += 32;
        out += String.fromCharCode(c);
      } else gap = true;
    }
  }
  return out;
}
