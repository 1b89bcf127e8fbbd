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
    // Runs of letters and digits are copied whole (lower-cased once), not a character at a time.
    let i = 0;
    while (i < part.length) {
      const start = i;
      while (i < part.length && isAlnum(part.charCodeAt(i))) i++;
      if (i > start) {
        if (gap && out.length > 0) out += '_';
        gap = false;
        out += part.slice(start, i);
      }
      while (i < part.length && !isAlnum(part.charCodeAt(i))) {
        gap = true;
        i++;
      }
    }
  }
  return out.toLowerCase();
}

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
