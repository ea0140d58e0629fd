/**
 * Every module that adds jobs to the worker's table (worker-jobs.ts). The inference worker
 * imports it, and so does the page where workers are blocked, so both run the same jobs.
 * A concern with jobs of its own adds one line here.
 */
import './worker-jobs';
import '../views/training/training-jobs';
import '../teach/teach-jobs';
import '../inspect/inspect-jobs';
