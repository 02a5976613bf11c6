# The rules runtime's side of a python-script execution: the channel to the runtime (fd 3), the action service
# backed by it, and the wrapper that loads and runs the action.
