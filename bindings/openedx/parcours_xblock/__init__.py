"""parcours for Open edX: ``ParcoursXBlock``, a learning path in a course, with
the engine running on the server (``engine.py``)."""

from .block import ParcoursXBlock

__all__ = ["ParcoursXBlock"]
