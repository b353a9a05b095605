"""Background jobs people can see: requested here, run by a worker, recovered when one dies.

The queue (annotator.jobs, Huey) carries only "run job N". A job's row holds everything else:
who asked, its state, its progress, its result and its error. Services reach the queue and the
settings through ``session.info`` (set by annotator.jobs.init_app), so they import no Flask.
"""
