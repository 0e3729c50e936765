// Entry of the child process the kill-mid-write test bundles and kills: applies a list of changes and says when it starts.
import { readFileSync } from 'node:fs';
import { applyChanges } from '../../server/src/node/applyChanges';

const [root, planFile] = process.argv.slice(2);
const changes = JSON.parse(readFileSync(planFile, 'utf8'));
process.stdout.write('applying\n');
applyChanges(root, changes).then(
  () => process.stdout.write('done\n'),
  (error) => {
    process.stderr.write(String(error));
    process.exitCode = 1;
  },
);
