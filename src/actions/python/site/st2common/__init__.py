# The part of StackStorm's st2common that pack actions import, written for the rules runtime (not StackStorm's
# code): Action (runners.base_action), its logger and config helpers, and small utilities real packs import at
# top level. Everything that needs StackStorm's database or services is absent on purpose.
