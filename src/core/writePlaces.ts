// Where `export` may write: inside the folders the client named (the workspace in the editor, the notebook's folder on
// the command line), judged on the real path with symlinks resolved, or elsewhere only when the user allows it.
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The real path `target` would have: its deepest existing ancestor with symlinks resolved, then the rest as written.
 * A symlink inside the workspace that points outside it is outside.
 */
export function realTarget(target: string): string {
  const rest: string[] = [];
  let at = path.resolve(target);
  for (;;) {
    try {
      return path.join(fs.realpathSync(at), ...rest.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return path.resolve(target);
      rest.push(path.basename(at));
      at = parent;
    }
  }
}

/** The first root `target` (a real path) lies in, or undefined; with no roots named every place is allowed. */
export function insideRoots(target: string, roots: readonly string[] | undefined): boolean {
  if (!roots || roots.length === 0) return true;
  return roots.some((root) => {
    const real = realTarget(root);
    const relative = path.relative(real, target);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  });
}
