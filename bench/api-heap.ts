/** The bench process's heap after a full garbage collection: what the API (which runs in this process) retains. */
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | undefined;

/** Used heap in bytes right after a full GC (the flag is set at run time, so the bench needs no `--expose-gc`). */
export function heapAfterGc(): number {
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
  collect(); // a second pass frees what the first one's finalizers released
  return process.memoryUsage().heapUsed;
}
