/** Does nothing: the bench's ceiling for `client.workflow.start` on the same server and task queue. */
export async function emptyWorkflow(): Promise<void> {}
