"""Helpers of the python runner that pack code and tests import: the action logger and the pack config dict."""

import logging
import sys

from st2common.log import AUDIT

__all__ = ["PackConfigDict", "get_action_class_instance", "get_logger_for_python_runner_action"]

_LOGGERS = {}


def get_logger_for_python_runner_action(action_name, log_level="debug"):
    """A logger named actions.python.<ClassName> writing to stderr at `log_level` (StackStorm's levels)."""
    name = "actions.python.%s" % (action_name,)
    logger = _LOGGERS.get(name)
    if logger is not None:
        return logger
    level = str(log_level or "debug").upper()
    level_number = AUDIT if level == "AUDIT" else getattr(logging, level, logging.DEBUG)
    logger = logging.getLogger(name)
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level_number)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-8s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level_number)
    logger.propagate = False
    _LOGGERS[name] = logger
    return logger


class PackConfigDict(dict):
    """The pack config: a dict whose missing keys fail with a message naming the pack and its config file."""

    def __init__(self, pack_name, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pack_name = pack_name

    def __getitem__(self, key):
        try:
            return super().__getitem__(key)
        except KeyError:
            raise ValueError(
                'Config for pack "%s" is missing key "%s". Make sure that the config file exists on disk '
                "(configs/%s.yaml) and contains that key, or that config.schema.yaml gives it a default."
                % (self._pack_name, key, self._pack_name)
            ) from None


def get_action_class_instance(action_cls, config=None, action_service=None):
    """Instantiates an action class; classes whose __init__ takes only `config` still get the action service."""
    try:
        return action_cls(config=config, action_service=action_service)
    except TypeError as error:
        if "action_service" not in str(error):
            raise
    instance = action_cls(config=config)
    instance.action_service = action_service
    return instance
