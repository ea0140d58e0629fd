/**
 * The modules that add jobs to the worker's table (worker-jobs.ts) with defineJobs, in one
 * place: the worker entry imports this file, and so does the page client where workers are
 * blocked, so both run the same table. A concern with jobs of its own adds one line here.
 */
import './worker-jobs';
import '../inspect/inspect-jobs';
