"""`self.action_service` of an action: StackStorm's ActionService API, served by the runtime's datastore.

Local names are prefixed `<pack>.<ActionClass>:` as StackStorm's datastore service does; the runtime adds the
pack (which the action cannot choose) and this side sends the class name.
"""

from st2common.constants.keyvalue import FULL_SYSTEM_SCOPE, SYSTEM_SCOPE

__all__ = ["ActionService", "KeyValuePair"]


class KeyValuePair:
    """A datastore item as st2client returns it (secret values masked unless decrypted)."""

    def __init__(self, **fields):
        self.id = fields.get("name")
        self.name = fields.get("name")
        self.value = fields.get("value")
        self.scope = fields.get("scope", FULL_SYSTEM_SCOPE)
        self.secret = bool(fields.get("secret", False))
        self.encrypted = self.secret
        self.user = fields.get("user")
        self.expire_timestamp = fields.get("expire_timestamp")

    def to_dict(self):
        out = {"id": self.id, "name": self.name, "value": self.value, "scope": self.scope, "secret": self.secret}
        if self.expire_timestamp:
            out["expire_timestamp"] = self.expire_timestamp
        return out

    def __repr__(self):
        return "<KeyValuePair name=%s,value=%s>" % (self.name, self.value)


def _check_scope(scope):
    if scope not in (SYSTEM_SCOPE, FULL_SYSTEM_SCOPE):
        raise ValueError("Scope %s is unsupported." % scope)


class ActionService:
    def __init__(self, action_wrapper):
        self._action_wrapper = action_wrapper

    def _call(self, method, **params):
        params["class_name"] = self._action_wrapper._class_name
        return self._action_wrapper._channel.call(method, **params)

    def _logger(self):
        from st2common.runners.utils import get_logger_for_python_runner_action

        wrapper = self._action_wrapper
        return get_logger_for_python_runner_action(wrapper._class_name or "action", wrapper._log_level)

    def get_user_info(self):
        return self._call("get_user_info")

    def list_values(self, local=True, prefix=None, limit=None, offset=0):
        self._logger().debug("Retrieving all the values from the datastore")
        items = self._call("list_values", local=bool(local), prefix=prefix, limit=limit, offset=offset or 0)
        return [KeyValuePair(**item) for item in items]

    def get_value(self, name, local=True, scope=SYSTEM_SCOPE, decrypt=False):
        _check_scope(scope)
        self._logger().debug("Retrieving value from the datastore (name=%s)", name)
        try:
            return self._call("get_value", name=str(name), local=bool(local), decrypt=bool(decrypt))
        except Exception as error:  # StackStorm logs and returns None when the API call fails
            self._logger().exception("Exception retrieving value from datastore (name=%s): %s", name, error)
            return None

    def set_value(self, name, value, ttl=None, local=True, scope=SYSTEM_SCOPE, encrypt=False):
        _check_scope(scope)
        self._logger().debug("Setting value in the datastore (name=%s)", name)
        params = {"name": str(name), "value": str(value), "local": bool(local), "encrypt": bool(encrypt)}
        if ttl:
            params["ttl"] = int(ttl)
        return bool(self._call("set_value", **params))

    def delete_value(self, name, local=True, scope=SYSTEM_SCOPE):
        # As StackStorm's ActionService: the scope argument is accepted and not used.
        self._logger().debug("Deleting value from the datastore (name=%s)", name)
        try:
            return bool(self._call("delete_value", name=str(name), local=bool(local)))
        except Exception as error:
            self._logger().exception("Exception deleting value from datastore (name=%s): %s", name, error)
            return False
