/** One line about where the figures were measured: CPU, cores, RAM, Node, Temporal and database versions. */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import mongoose from 'mongoose';
import { ensureTemporalBinary } from '../scripts/stack/binaries';
import { findPostgresBinaries } from '../scripts/stack/postgres-binaries';

export interface Machine {
  cpu: string;
  cores: number;
  /** The cgroup CPU quota in cores, when the container has one. */
  cpuQuota: number | null;
  ramGiB: number;
  node: string;
  temporalCli: string | null;
  temporalServer: string;
  database: string;
  /** 1-minute load average when the bench started: other work on the machine skews every figure. */
  loadAtStart: number;
}

async function readText(file: string): Promise<string | null> {
  return fs.readFile(file, 'utf8').catch(() => null);
}

async function cpuQuota(): Promise<number | null> {
  const [quota, period] = (await readText('/sys/fs/cgroup/cpu.max'))?.trim().split(/\s+/) ?? [];
  return quota && period && quota !== 'max' ? Number(quota) / Number(period) : null;
}

/** `temporal --version` of the CLI the embedded stack runs (null when TEMPORAL_ADDRESS pointed elsewhere). */
async function temporalCli(started: boolean): Promise<string | null> {
  if (!started) return null;
  const { stdout } = await promisify(execFile)(await ensureTemporalBinary(), ['--version']);
  return stdout.trim();
}

/** FerretDB answers `buildInfo` with its own version beside the MongoDB version it emulates; then its storage. */
async function database(label: string): Promise<string> {
  const info = (await mongoose.connection.db!.admin().command({ buildInfo: 1 })) as { version?: string; ferretdbVersion?: string };
  if (!info.ferretdbVersion) return `MongoDB ${info.version}`;
  const postgres = label.includes('PostgreSQL') ? findPostgresBinaries() : undefined;
  const storage = postgres ? (await promisify(execFile)(postgres.postgres, ['--version'])).stdout.trim() : label.includes('SQLite') ? 'SQLite' : label;
  return `FerretDB ${info.ferretdbVersion} (wire ${info.version}) on ${storage}`;
}

/** Describes this machine and the servers the bench ran against. */
export async function describeMachine(client: Client, temporalStarted: boolean, loadAtStart: number, databaseLabel: string): Promise<Machine> {
  const cpuinfo = (await readText('/proc/cpuinfo')) ?? '';
  const system = await client.connection.workflowService.getSystemInfo({});
  return {
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown CPU',
    cores: os.availableParallelism(),
    cpuQuota: await cpuQuota(),
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    temporalCli: await temporalCli(temporalStarted),
    temporalServer: system.serverVersion ?? 'unknown',
    database: await database(databaseLabel),
    loadAtStart,
  };
}

/** The machine as one line for the table header. */
export function machineLine(m: Machine): string {
  const quota = m.cpuQuota === null ? '' : ` (cgroup quota ${m.cpuQuota} cores)`;
  const temporal = `Temporal server ${m.temporalServer}${m.temporalCli ? ` (\`temporal --version\`: ${m.temporalCli})` : ''}`;
  return `${m.cpu}, ${m.cores} cores${quota}, ${m.ramGiB} GiB RAM, Node ${m.node}, ${temporal}, ${m.database}`;
}
