/** git's arguments for the tracked files, each path from the repository's root, NUL-separated. */
export const TRACKED_FILES_ARGS = ['ls-files', '-z', '--full-name'] as const;
