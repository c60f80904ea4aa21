"""Work outside a request, on Celery: the app (celery_app.py), queueing after commit
(after_commit.py), the periodic sweep (sweep.py), the kinds of job support can see and retry
(kinds.py), and the worker's entry point (worker.py)."""
