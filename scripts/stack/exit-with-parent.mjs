// Runs one dev-stack server (Temporal, FerretDB, mongod) as its child and stops it when the process that started
// this wrapper goes away, even by SIGKILL: the IPC channel to that process then closes. The Go servers cannot
// watch their parent themselves, and Linux's PR_SET_PDEATHSIG is not reachable from Node without native code.
// Plain Node, started by server-process.ts only: node exit-with-parent.mjs [--stop-signal=SIG] <command> [args…],
// with an IPC channel. --stop-signal is what stops the server gracefully whatever this wrapper is told (PostgreSQL:
// SIGINT, its fast shutdown; SIGTERM would wait for every client to disconnect).
import { spawn } from 'node:child_process';

// Shorter than server-process.ts's 10 s grace, so the server is gone before anyone SIGKILLs this wrapper.
const KILL_AFTER_MS = 8_000;

const argv = process.argv.slice(2);
const stopSignal = argv[0]?.startsWith('--stop-signal=') ? argv.shift().slice('--stop-signal='.length) : undefined;
const [command, ...args] = argv;
const server = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let killTimer;

function stop(signal) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  server.kill(stopSignal ?? signal);
  killTimer ??= setTimeout(() => server.kill('SIGKILL'), KILL_AFTER_MS);
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => stop(signal));
process.on('disconnect', () => stop('SIGTERM'));
server.once('spawn', () => {
  if (process.connected) process.send({ serverPid: server.pid });
});
server.once('error', (err) => {
  process.stderr.write(`could not be started: ${err.message}\n`);
  process.exit(127);
});
server.once('exit', (code, signal) => {
  clearTimeout(killTimer);
  if (code !== null) process.exit(code);
  // Die of the same signal, so the parent reports "was killed by SIGTERM" as it would without this wrapper.
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
});
