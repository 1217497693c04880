// Preloaded into a CLI process by benches (`node --import ./bench/cpu-at-exit.mjs …`): prints the
// process's own CPU time at exit, in microseconds, as the last line of stderr. Finer than
// /usr/bin/time's 10 ms, which is the size of the differences some targets are about.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\ncpu-at-exit ${user + system}\n`);
});
