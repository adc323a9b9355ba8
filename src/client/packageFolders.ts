// Which folders a core may load native packages from (tfjs-node, tfjs-node-gpu, webgpu): a native package is code
// that runs in the core as soon as the backend is chosen, before any cell, so only folders the user chose.
import * as path from 'node:path';

export interface PackageFolderChoice {
  /** A folder the user named: bigmodel.training.packageFolder (a machine setting), or the CLI's --package-folder. */
  packageFolder?: string;
  /** The notebook's folder. */
  notebookFolder?: string;
  /** The workspace folder that holds the notebook: the workspace's folders are those from the notebook's up to it. */
  workspaceFolder?: string;
  /** Whether the workspace's own node_modules may load (bigmodel.training.loadPackagesFromWorkspace; `bigmodel run`). */
  fromWorkspace: boolean;
}

/**
 * The folders in lookup order; the core looks in each one's `node_modules` only, then in its own install. Never a
 * folder above the workspace (or above the notebook's folder when there is no workspace folder), where anyone who
 * can write a parent folder could place a package.
 */
export function nativePackageFolders(choice: PackageFolderChoice): string[] {
  const folders: string[] = [];
  if (choice.packageFolder) folders.push(path.resolve(choice.packageFolder));
  if (choice.fromWorkspace && choice.notebookFolder) {
    const notebook = path.resolve(choice.notebookFolder);
    const top = choice.workspaceFolder ? path.resolve(choice.workspaceFolder) : notebook;
    const inside = path.relative(top, notebook);
    if (inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) folders.push(notebook);
    else
      for (let f = notebook; ; f = path.dirname(f)) {
        folders.push(f);
        if (f === top) break;
      }
  }
  return [...new Set(folders)];
}
