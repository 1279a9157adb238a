"""The xblock-sdk workbench's settings, for the end-to-end test: its own
database and log in the test's folder (``PARCOURS_WORKBENCH_DIR``), only the
parcours block, and the runtime's events (``publish``: the grade) logged, so
the test reads what the block published."""

import os

os.environ.setdefault("EXCLUDE_SAMPLE_XBLOCKS", "yes")

from workbench.settings import *  # noqa: E402,F401,F403  (the workbench's own, then ours)

_DIR = os.environ["PARCOURS_WORKBENCH_DIR"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(_DIR, "workbench.db")}}
DJFS = {"type": "osfs", "directory_root": os.path.join(_DIR, "djpyfs"), "url_root": "/static/djpyfs"}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(name)s %(message)s"}},
    "handlers": {"events": {"level": "INFO", "class": "logging.FileHandler", "filename": os.path.join(_DIR, "events.log"), "formatter": "plain"}},
    "loggers": {"workbench.runtime": {"handlers": ["events"], "level": "INFO", "propagate": False}},
}
