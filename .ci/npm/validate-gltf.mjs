// Validates glTF files with Khronos's glTF-Validator (npm "gltf-validator").
// Usage: node validate-gltf.mjs FILE...
// Prints one line per file with its error, warning, info and hint counts and
// every error or warning message; exits 1 when any file has an error or a
// warning, 2 on bad usage.
import { readFile } from 'node:fs/promises';
import validator from 'gltf-validator';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate-gltf.mjs FILE...');
  process.exit(2);
}
let bad = false;
for (const f of files) {
  const data = new Uint8Array(await readFile(f));
  const r = await validator.validateBytes(data, { uri: f, maxIssues: 0 });
  const n = r.issues;
  console.log(`${f}: errors ${n.numErrors} warnings ${n.numWarnings} infos ${n.numInfos} hints ${n.numHints}`);
  for (const m of n.messages) {
    if (m.severity <= 1) console.log(`  ${m.severity === 0 ? 'error' : 'warning'} ${m.code} ${m.pointer || ''}: ${m.message}`);
  }
  if (n.numErrors > 0 || n.numWarnings > 0) bad = true;
}
process.exit(bad ? 1 : 0);
