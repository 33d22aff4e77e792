/** Which of the paths are executable files: the one look at the disk findTool needs. */
import { accessSync, constants, statSync } from 'node:fs';

export function executables(paths) {
  return new Set(
    paths.filter((path) => {
      try {
        accessSync(path, constants.X_OK);
        return statSync(path).isFile();
      } catch {
        return false;
      }
    }),
  );
}
