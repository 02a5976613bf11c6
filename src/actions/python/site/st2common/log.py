"""StackStorm's logging entry points: getLogger, and the AUDIT level above CRITICAL."""

import logging

__all__ = ["AUDIT", "getLogger"]

AUDIT = logging.CRITICAL + 10
logging.addLevelName(AUDIT, "AUDIT")


def _audit(self, message, *args, **kwargs):
    if self.isEnabledFor(AUDIT):
        self._log(AUDIT, message, args, **kwargs)


if not hasattr(logging.Logger, "audit"):
    logging.Logger.audit = _audit


def getLogger(name):  # noqa: N802 (StackStorm's name)
    return logging.getLogger(name)
