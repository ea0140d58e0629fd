/**
 * The modules that add jobs to the worker's table (defineJobs), in one place: the worker
 * entry imports this, and so does the page client where workers are blocked, so that both
 * run the same jobs.
 */
import './worker-jobs';
import '../teach/teach-jobs';
