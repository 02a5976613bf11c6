"""Loads the action's entry point file, finds its Action subclass, runs it and sends the result to the runtime.

The behaviour follows StackStorm's python_action_wrapper: the class is the one defined in the file (not an
imported base class), it is built with the pack config and the action service, `run(**parameters)` is called,
and a returned 2-tuple whose first item is a bool is (succeeded, result). An exception prints its traceback on
stderr and exits 1.
"""

import json
import os
import sys
import types

from rules_python.action_service import ActionService
from rules_python.channel import Channel

# StackStorm's PYTHON_RUNNER_INVALID_ACTION_STATUS_EXIT_CODE.
INVALID_STATUS_EXIT_CODE = 220

INVALID_STATUS_MESSAGE = (
    "If this is an existing action which returns a tuple with two items, it needs to be updated to\n"
    "either:\n\n1. Return a list instead of a tuple\n"
    "2. Return a tuple where a first items is a status flag - (True, ('item1', 'item2'))\n"
)


class ActionWrapper:
    def __init__(self, channel, start):
        self._channel = channel
        self._pack = start["pack"]
        self._file_path = start["file_path"]
        self._config = start.get("config") or {}
        self._parameters = start.get("parameters") or {}
        self._user = start.get("user")
        self._log_level = start.get("log_level") or "debug"
        self._class_name = None

    def load_class(self):
        from st2common.runners.base_action import Action

        directory = os.path.dirname(os.path.realpath(self._file_path))
        if directory not in sys.path and directory + os.sep not in sys.path:
            sys.path.append(directory)
        module_name = os.path.splitext(os.path.basename(self._file_path))[0]
        try:
            # Loaded by hand rather than through importlib.util and inspect: those imports alone cost more than
            # the rest of the wrapper, on every execution.
            module = types.ModuleType(module_name)
            module.__file__ = self._file_path
            sys.modules[module_name] = module
            with open(self._file_path, "rb") as source:
                code = compile(source.read(), self._file_path, "exec")
            exec(code, module.__dict__)
        except Exception as error:
            import traceback

            message = (
                'Failed to load action class from file "%s" (action file most likely doesn\'t exist or contains '
                "invalid syntax): %s\n\n%s" % (self._file_path, error, traceback.format_exc())
            )
            raise type(error)(message) from None
        # As StackStorm's loader: classes defined in this file (not imported ones), by name, that derive from Action.
        classes = [
            cls
            for _, cls in sorted(vars(module).items())
            if isinstance(cls, type) and cls.__module__ == module_name and issubclass(cls, Action) and cls is not Action
        ]
        if not classes:
            raise Exception('File "%s" has no action class or the file doesn\'t exist.' % self._file_path)
        return classes[0]

    def instance(self):
        from st2common.runners.utils import PackConfigDict, get_action_class_instance

        cls = self.load_class()
        self._class_name = cls.__name__
        config = PackConfigDict(self._pack, self._config)
        return get_action_class_instance(cls, config=config, action_service=ActionService(self))

    def run(self):
        output = self.instance().run(**self._parameters)
        status = None
        result = output
        if isinstance(output, tuple) and len(output) == 2:
            status, result = output
        if status is not None and not isinstance(status, bool):
            sys.stderr.write(
                "Status returned from the action run() method must either be True or False, got: %s\n" % (status,)
            )
            sys.stderr.write(INVALID_STATUS_MESSAGE)
            return INVALID_STATUS_EXIT_CODE
        self._channel.send({"type": "result", "status": status, "result": serializable(result)})
        return 0


def serializable(value):
    """The value if JSON can carry it (tuples become lists, as json.dumps does), else its str()."""
    try:
        json.dumps(value, allow_nan=False)
        return value
    except (TypeError, ValueError, OverflowError):
        return str(value)


def main():
    channel = Channel()
    start = channel.receive()
    wrapper = ActionWrapper(channel, start)
    try:
        code = wrapper.run()
    except SystemExit:
        raise
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    return code
