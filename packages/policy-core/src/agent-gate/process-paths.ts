/**
 * A path through /proc or /dev/fd (`/proc/self/cwd/db/x.sql`, `/dev/fd/3/x.sql` after `exec
 * 3<db`): a process's own folders, which only that process resolves. The shell reader and the
 * file tools' target both refuse to map one to a repository file. Slashes repeated as a shell
 * word may write them (`//proc`).
 */
export const PROCESS_PATH = /^\/+(proc|dev\/+fd)(\/|$)/;
