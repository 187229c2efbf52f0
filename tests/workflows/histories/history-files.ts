/** Committed workflow histories: written by record.ts, read by the replay test. */
import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;
const HistoryMessage = temporal.api.history.v1.History;

// protobufjs' plain-object form (enum names, 64-bit numbers and bytes as strings) survives a JSON round trip exactly.
const AS_PLAIN = { enums: String, longs: String, bytes: String } as const;

/** A history as the JSON text a file holds. */
export function historyToJson(history: History): string {
  return `${JSON.stringify(HistoryMessage.toObject(HistoryMessage.fromObject(history), AS_PLAIN), null, 1)}\n`;
}

export interface HistoryFile {
  /** Path relative to the histories folder, e.g. "v0.1.0/reopen.json". */
  name: string;
  workflowId: string;
  history: History;
}

/** Every committed history under `dir` (one folder per release that recorded them). */
export function readHistoryFiles(dir: string): HistoryFile[] {
  const files: HistoryFile[] = [];
  for (const release of fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of fs.readdirSync(path.join(dir, release.name)).filter((f) => f.endsWith('.json')).sort()) {
      const name = `${release.name}/${file}`;
      const history = HistoryMessage.fromObject(JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')));
      files.push({ name, workflowId: `replay-${name}`, history });
    }
  }
  return files;
}
