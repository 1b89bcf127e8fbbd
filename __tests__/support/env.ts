// cdktf's Testing writes cdktf.outdir.* folders into the temp dir: keep them in the project, not /tmp.
import * as fs from 'fs';
import * as path from 'path';

const tmp = path.join(__dirname, '..', '..', '.tmp', 'jest');
fs.mkdirSync(tmp, { recursive: true });
process.env.TMPDIR = tmp;
process.env.CHECKPOINT_DISABLE = '1';
