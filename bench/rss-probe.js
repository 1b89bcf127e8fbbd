/**
 * Preloaded into every child of `npm run bench` (NODE_OPTIONS=--require): at exit, appends this
 * process's peak resident set size (maxRSS, KB) and CPU time (user + system, µs) to
 * BENCH_RSS_FILE, one line per Node process.
 */
const fs = require('fs');

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      const u = process.resourceUsage();
      fs.appendFileSync(file, `${process.pid} ${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}\n`);
    } catch {
      // The measurement is lost, the child's own exit is not.
    }
  });
}
