/** The bench worker's workflows: every ticket workflow plus the empty one used for the start-latency ceiling. */
export * from '../workflows';
export { emptyWorkflow } from './empty.workflow';
