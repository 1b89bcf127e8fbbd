/**
 * Preloaded into every child of `npm run bench` (NODE_OPTIONS=--require): at exit, appends this
 * process's peak resident set size (maxRSS, KB) to BENCH_RSS_FILE, one line per Node process.
 */
const fs = require('fs');

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      fs.appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`);
    } catch {
      // The measurement is lost, the child's own exit is not.
    }
  });
}
