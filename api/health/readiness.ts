import type { Client } from '@temporalio/client';
import mongoose from 'mongoose';

const CHECK_TIMEOUT_MS = 2_000;

export type DependencyState = 'up' | 'down';

/** Rejects when `promise` takes longer than `ms` (the timer never keeps the process alive). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** MongoDB is up when mongoose is connected and a ping answers within 2 s. */
export async function checkMongo(): Promise<DependencyState> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return 'down';
  try {
    await within(db.command({ ping: 1 }), CHECK_TIMEOUT_MS);
    return 'up';
  } catch {
    return 'down';
  }
}

/** Temporal is up when the frontend answers GetSystemInfo within a 2 s deadline. */
export async function checkTemporal(client: Client): Promise<DependencyState> {
  try {
    const deadline = Date.now() + CHECK_TIMEOUT_MS;
    await within(client.connection.withDeadline(deadline, () => client.workflowService.getSystemInfo({})), CHECK_TIMEOUT_MS + 500);
    return 'up';
  } catch {
    return 'down';
  }
}
