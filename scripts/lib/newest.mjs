// "Is this build older than its sources?" for npm start (the console) and the bin (the compiled CLI).
import fs from 'node:fs';
import path from 'node:path';

/** Newest modification time (ms) of the files and folders in `paths`, recursively, skipping node_modules; 0 when none exist. */
export function newestMtime(paths) {
  let t = 0;
  const visit = (p) => {
    const st = fs.statSync(p);
    if (!st.isDirectory()) return void (t = Math.max(t, st.mtimeMs));
    for (const e of fs.readdirSync(p, { withFileTypes: true })) if (e.name !== 'node_modules') visit(path.join(p, e.name));
  };
  for (const p of paths) if (fs.existsSync(p)) visit(p);
  return t;
}
