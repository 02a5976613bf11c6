"""The base class of python-script actions: subclasses implement run(**parameters)."""

import abc

from st2common.runners.utils import PackConfigDict, get_logger_for_python_runner_action

__all__ = ["Action"]


class Action(abc.ABC):
    """Base class of Python actions: `config` (the pack config), `logger` and `action_service` (the datastore)."""

    description = None

    def __init__(self, config=None, action_service=None):
        wrapper = getattr(action_service, "_action_wrapper", None)
        log_level = getattr(wrapper, "_log_level", "debug") if wrapper is not None else "debug"
        pack_name = getattr(wrapper, "_pack", "unknown") if wrapper is not None else "unknown"
        self.config = PackConfigDict(pack_name, config or {})
        self.action_service = action_service
        self.logger = get_logger_for_python_runner_action(action_name=self.__class__.__name__, log_level=log_level)

    @abc.abstractmethod
    def run(self, **kwargs):
        pass
